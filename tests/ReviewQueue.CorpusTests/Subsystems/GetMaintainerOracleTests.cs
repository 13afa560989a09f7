using ReviewQueue.Core.Subsystems;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Subsystems;

/// <summary>
/// Our sections and recipients against what get_maintainer.pl printed for sampled paths of real trees. The oracle
/// ran in a full checkout, so two things come from file contents we do not have here: "in file" roles (addresses
/// found in .yaml bindings; kernel) and K: keywords found in the file (Xen's older script). Those are compared
/// without, and the test says how many rows needed it.
/// </summary>
public sealed class GetMaintainerOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void LinuxSectionsAndRecipientsEqualGetMaintainerForEverySampledPath()
    {
        var dir = Corpus.Require("maintainers", "linux-6.12");
        var map = Load(dir, "tree-files-6.12.117.txt", Path.Combine(dir, "mailmap"));
        // A checkout of Linux 6.12.117 (even a partial one) lets "in file" roles be compared too.
        var tree = Environment.GetEnvironmentVariable("REVIEWQUEUE_LINUX_TREE");
        output.WriteLine(tree is null
            ? "REVIEWQUEUE_LINUX_TREE not set: 'in file' roles are compared without (they need the files' content)"
            : $"file content from {tree}");
        Compare(map, OracleRow.Load(Path.Combine(dir, "oracle-get_maintainer-sample.jsonl")), tree);
    }

    [Fact]
    public void XenSectionsAndRecipientsEqualGetMaintainerForEverySampledPath()
    {
        var dir = Corpus.Require("maintainers", "xen");
        var map = Load(dir, "tree-files-HEAD.txt", mailmap: null);
        Assert.Equal(GetMaintainerDialect.Xen, map.Dialect);
        Compare(map, OracleRow.Load(Path.Combine(dir, "oracle-get_maintainer-sample.jsonl")));
    }

    static MaintainersMap Load(string dir, string treeFiles, string? mailmap) => new(
        MaintainersFile.Parse(File.ReadAllText(Path.Combine(dir, "MAINTAINERS")), "MAINTAINERS"),
        TreeFileList.Parse(File.ReadAllText(Path.Combine(dir, treeFiles))),
        mailmap is null ? null : Mailmap.Parse(File.ReadAllText(mailmap)));

    void Compare(MaintainersMap map, List<OracleRow> rows, string? tree = null)
    {
        int withInFile = 0;
        var failures = new List<string>();
        int sectionsAgree = 0, recipientsAgree = 0, withoutInFile = 0, withContentKeywords = 0, tieOrder = 0;
        foreach (var row in rows)
        {
            var answer = map.ForPath(row.Path);
            var ours = answer.Sections.Select(s => s.Section.Name).ToList();
            var orders = TieOrders(answer.Sections).ToList();
            if (ours.SequenceEqual(row.Sections))
                sectionsAgree++;
            else if (orders.Any(o => o.Select(s => s.Name).SequenceEqual(row.Sections)))
            {
                sectionsAgree++;
                tieOrder++;
            }
            else
                failures.Add($"{row.Path}: sections\n  oracle: {string.Join(" | ", row.Sections)}\n  ours:   {string.Join(" | ", ours)}");

            var file = tree is null ? null : Path.Combine(tree, row.Path);
            if (file is not null && File.Exists(file))
            {
                // The tree is here: "in file" roles must match as printed.
                var fileEmails = FileEmails.AreReadFor(row.Path) ? FileEmails.Find(File.ReadAllText(file)) : [];
                var exact = answer.Sections.Count == 0 ? [] : TieOrders(answer.Sections)
                    .Select(o => map.RecipientsFor(o, null, fileEmails).Select(r => r.ToString()).ToList())
                    .FirstOrDefault(l => l.SequenceEqual(row.Recipients));
                if (row.Recipients.Any(r => r.Contains("in file", StringComparison.Ordinal)))
                    withInFile++;
                if (exact is not null)
                    recipientsAgree++;
                else
                {
                    var ours1 = map.ForPath(row.Path, content: p => File.ReadAllText(Path.Combine(tree!, p))).Recipients;
                    failures.Add($"{row.Path}: recipients (with file content)\n  oracle: {string.Join(" | ", row.Recipients)}\n  ours:   {string.Join(" | ", ours1)}");
                }
                continue;
            }
            var expected = WithoutInFile(row.Recipients);
            // An address found in the file hides the same list address later in get_maintainer.pl's output.
            var inFile = row.Recipients.Where(r => r.EndsWith(" (in file)", StringComparison.Ordinal))
                .Select(r => r[..^" (in file)".Length]).ToHashSet(StringComparer.Ordinal);
            if (expected.Count != row.Recipients.Count || expected.Zip(row.Recipients).Any(p => p.First != p.Second))
                withoutInFile++;
            List<string> Shown(IEnumerable<Recipient> rs) => [.. rs.Where(r => !inFile.Contains(r.Address)).Select(r => r.ToString())];
            var got = Shown(answer.Recipients);
            if (!got.SequenceEqual(expected))
            {
                // Tied sections come in Perl's random hash order: any order of the ties is get_maintainer.pl's answer.
                foreach (var order in orders)
                {
                    var other = Shown(map.RecipientsFor(order));
                    if (other.SequenceEqual(expected))
                    {
                        got = other;
                        break;
                    }
                }
            }
            if (!got.SequenceEqual(expected))
            {
                // K: hits in the file's content: retry assuming the keyword sections whose people the oracle printed.
                var keywordSections = ContentKeywordSections(map, expected, got);
                if (keywordSections.Count > 0)
                {
                    foreach (var order in orders)
                    {
                        var other = Shown(map.RecipientsFor(order, keywordSections));
                        if (other.SequenceEqual(expected))
                        {
                            got = other;
                            withContentKeywords++;
                            break;
                        }
                    }
                }
            }
            if (got.SequenceEqual(expected))
                recipientsAgree++;
            else
                failures.Add($"{row.Path}: recipients\n  oracle: {string.Join(" | ", expected)}\n  ours:   {string.Join(" | ", got)}");
        }
        output.WriteLine($"{rows.Count} paths: sections agree {sectionsAgree}, recipients agree {recipientsAgree}");
        output.WriteLine($"sections agreeing only in another order of equal-depth sections (Perl hash order): {tieOrder} paths");
        output.WriteLine($"compared with 'in file' roles from the tree's files: {withInFile} paths");
        output.WriteLine($"compared without 'in file' roles (file content not in the corpus): {withoutInFile} paths");
        output.WriteLine($"agreed only when assuming K: hits in the file's content: {withContentKeywords} paths");
        foreach (var f in failures.Take(40))
            output.WriteLine(f);
        Assert.True(failures.Count == 0, $"{failures.Count} differences; first:\n{string.Join("\n", failures.Take(10))}");
    }

    /// <summary>Every order of the sections that permutes only sections of equal depth (ours first).</summary>
    static IEnumerable<List<Section>> TieOrders(IReadOnlyList<SectionMatch> matches)
    {
        var groups = matches.GroupBy(m => m.Depth).Select(g => g.Select(m => m.Section).ToList()).ToList();
        IEnumerable<List<Section>> result = [[]];
        foreach (var group in groups)
        {
            var perms = group.Count <= 5 ? Permutations(group).ToList() : [group];
            result = result.SelectMany(prefix => perms.Select(p => prefix.Concat(p).ToList()));
        }
        return result;
    }

    static IEnumerable<List<Section>> Permutations(List<Section> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }
        for (int i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var p in Permutations(rest))
                yield return [items[i], .. p];
        }
    }

    /// <summary>Drops entries found only in the file ("(in file)") and the ",in file" added to known people.</summary>
    static List<string> WithoutInFile(List<string> recipients) =>
        [.. recipients.Where(r => !r.EndsWith(" (in file)", StringComparison.Ordinal))
            .Select(r => r.Replace(",in file)", ")", StringComparison.Ordinal))];

    static List<Section> ContentKeywordSections(MaintainersMap map, List<string> expected, List<string> got)
    {
        var missing = expected.Except(got).Select(r => r[..r.LastIndexOf(" (", StringComparison.Ordinal)]).ToHashSet();
        return [.. map.File.Sections.Where(s => s.Values('K').Any() &&
            s.Fields.Any(f => f.Letter is 'M' or 'R' or 'L' && missing.Any(m => f.Value.Contains(Address(m), StringComparison.OrdinalIgnoreCase))))];
    }

    static string Address(string formatted)
    {
        var lt = formatted.LastIndexOf('<');
        return lt >= 0 ? formatted[(lt + 1)..].TrimEnd('>') : formatted;
    }
}
