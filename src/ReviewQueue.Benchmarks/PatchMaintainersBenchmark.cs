using System.Diagnostics;
using System.Text;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// get_maintainer.pl's patch mode (a patch mail as its argument) against ours, mail by mail, on a list archive (the
/// corpus' hwmon half-year by default). Two of our answers are compared: the sections the import stores for the
/// patch (its files' sections, <see cref="MaintainersMap"/>'s matcher per path) and <see cref="MaintainersMap.ForPatch"/>
/// over the raw mail (files and K: keywords, as the script reads it). The perl runs need a Linux tree (--perl-tree);
/// --perl-answers DIR keeps each mail's answers (NNNN.sub, NNNN.rcp, NNNN the mail's place, as git mailsplit numbers
/// it) so a second run does not ask perl again. Nothing derived from the mails is kept anywhere else.
/// </summary>
public static class PatchMaintainersBenchmark
{
    static readonly string[] Common = ["scripts/get_maintainer.pl", "--nogit", "--nogit-fallback", "--nofixes"];

    public static int Run(string[] args)
    {
        string corpus = ImportBenchmark.Option(args, "--corpus") ?? Path.Combine("..", "shared", "corpus");
        string mbox = ImportBenchmark.Option(args, "--mbox") ?? Path.Combine(corpus, "lists", "linux-hwmon", "hwmon-2024H2.mbox");
        string? perlTree = ImportBenchmark.Option(args, "--perl-tree");
        string? answers = ImportBenchmark.Option(args, "--perl-answers");
        int show = int.Parse(ImportBenchmark.Option(args, "--show") ?? "10");
        var dir = Path.Combine(corpus, "maintainers", "linux-6.12");
        if (!File.Exists(Path.Combine(dir, "MAINTAINERS")) || !File.Exists(mbox))
        {
            Console.Error.WriteLine($"corpus not found at {dir} or {mbox}");
            return 1;
        }
        if (perlTree is null && answers is null)
        {
            Console.Error.WriteLine("maintainers-patches needs --perl-tree DIR (a Linux tree with scripts/get_maintainer.pl) or --perl-answers DIR of earlier answers");
            return 2;
        }
        var map = new MaintainersMap(MaintainersFile.Parse(File.ReadAllText(Path.Combine(dir, "MAINTAINERS"))),
            TreeFileList.Parse(File.ReadAllText(Path.Combine(dir, "tree-files-6.12.117.txt"))),
            Mailmap.Parse(File.ReadAllText(Path.Combine(dir, "mailmap"))));
        if (answers is not null)
            Directory.CreateDirectory(answers);

        var mails = new List<(string Name, byte[] Raw, PatchMail Mail)>();
        using (var stream = File.OpenRead(mbox))
        {
            int n = 0;
            foreach (var raw in new MboxReader(stream, mbox).Read())
            {
                n++;
                if (MailReader.Read(raw.Bytes, null).Mail is { Kind: MailKind.Patch } mail)
                    mails.Add((n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), raw.Bytes, mail));
            }
        }
        var perl = new (List<string> Sections, List<string> Recipients)[mails.Count];
        var sw = Stopwatch.StartNew();
        int asked = 0;
        Parallel.For(0, mails.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (sub, rcp, ran) = PerlAnswers(mails[i].Name, mails[i].Raw, perlTree, answers);
            if (ran)
                Interlocked.Increment(ref asked);
            // --subsystem prints the lists (they carry an address) before the section titles.
            perl[i] = ([.. sub.Where(l => !l.Contains('@'))], rcp);
        });
        Console.WriteLine($"{mails.Count} patch mails in {mbox}; get_maintainer.pl asked for {asked} of them ({sw.Elapsed.TotalSeconds:F0} s)");

        // The script reads the addresses of a .yaml file the patch touches from the tree ("in file"); so do we, given one.
        Func<string, string?>? content = perlTree is null ? null
            : path => File.Exists(Path.Combine(perlTree, path)) ? File.ReadAllText(Path.Combine(perlTree, path)) : null;
        if (content is null)
            Console.WriteLine("no --perl-tree: 'in file' addresses of .yaml files are not read, and those rows differ");
        var stored = new Tally("sections the import stores (files only) = get_maintainer.pl --subsystem");
        var patch = new Tally("ForPatch sections (files + K:) = get_maintainer.pl --subsystem");
        var recipients = new Tally("ForPatch recipient addresses = get_maintainer.pl's");
        var roles = new Tally("ForPatch recipient lines (address and role), as a set = get_maintainer.pl's");
        sw.Restart();
        for (int i = 0; i < mails.Count; i++)
        {
            var (name, raw, mail) = mails[i];
            var (theirSections, theirRecipients) = perl[i];
            var files = new List<string>();
            foreach (var file in mail.Files)
                foreach (var m in map.Matcher.Match(file))
                    if (!files.Contains(m.Section.Name))
                        files.Add(m.Section.Name);
            // The script reads bytes; Latin-1 keeps one char per byte, as Perl sees an undecoded file.
            var answer = map.ForPatch(Encoding.Latin1.GetString(raw), content);
            var ours = answer.Sections.Select(s => s.Section.Name).Concat(answer.KeywordSections.Select(s => s.Name)).Distinct().ToList();
            stored.Add(name, theirSections, files);
            patch.Add(name, theirSections, ours);
            recipients.Add(name, [.. theirRecipients.Select(AddressOf)], [.. answer.Recipients.Select(r => r.Address)]);
            roles.Add(name, theirRecipients, [.. answer.Recipients.Select(r => r.ToString())]);
        }
        var ourTime = sw.Elapsed;
        foreach (var t in new[] { stored, patch, recipients, roles })
            t.Print(show);
        Console.WriteLine($"ours for {mails.Count} patch mails (read + ForPatch + per-file match): {ourTime.TotalMilliseconds:F0} ms");
        return 0;
    }

    static (List<string> Sub, List<string> Rcp, bool Ran) PerlAnswers(string name, byte[] raw, string? tree, string? store)
    {
        string? subFile = store is null ? null : Path.Combine(store, name + ".sub");
        string? rcpFile = store is null ? null : Path.Combine(store, name + ".rcp");
        if (subFile is not null && File.Exists(subFile) && File.Exists(rcpFile))
            return (Lines(File.ReadAllText(subFile)), Lines(File.ReadAllText(rcpFile!)), false);
        if (tree is null)
            throw new InvalidOperationException($"no stored answer for mail {name} and no --perl-tree");
        var mailFile = Path.Combine(Path.GetTempPath(), $"rq-patch-{Environment.ProcessId}-{name}.mbox");
        File.WriteAllBytes(mailFile, raw);
        try
        {
            var sub = Perl(tree, [.. Common, "--noemail", "--subsystem", mailFile]);
            var rcp = Perl(tree, [.. Common, mailFile]);
            if (subFile is not null)
            {
                File.WriteAllText(subFile, sub);
                File.WriteAllText(rcpFile!, rcp);
            }
            return (Lines(sub), Lines(rcp), true);
        }
        finally
        {
            File.Delete(mailFile);
        }
    }

    static string Perl(string tree, string[] args)
    {
        var psi = new ProcessStartInfo("perl", args) { WorkingDirectory = tree, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        stderr.Wait();
        process.WaitForExit();
        return text;
    }

    static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    // "Name <a@b> (role (with parentheses))": the address ends at the first " (" after the ">".
    static string AddressOf(string line)
    {
        int cut = line.IndexOf(" (", Math.Max(0, line.IndexOf('>')), StringComparison.Ordinal);
        return cut < 0 ? line : line[..cut];
    }


    /// <summary>Agreement of one answer over every mail: as a set, in the same order, and what differed.</summary>
    sealed class Tally(string what)
    {
        int count, sameSet, sameOrder;
        readonly Dictionary<string, List<string>> differences = new(StringComparer.Ordinal);
        readonly List<string> orders = [];

        public void Add(string mail, List<string> theirs, List<string> ours)
        {
            count++;
            if (theirs.SequenceEqual(ours))
                sameOrder++;
            if (theirs.ToHashSet(StringComparer.Ordinal).SetEquals(ours))
            {
                sameSet++;
                if (!theirs.SequenceEqual(ours))
                    orders.Add($"{mail}: get_maintainer.pl [{string.Join(" | ", theirs)}]; ours [{string.Join(" | ", ours)}]");
                return;
            }
            // Grouped by what differs, so one cause shows once with the mails it touched.
            var key = $"only get_maintainer.pl: [{string.Join(" | ", theirs.Except(ours))}]; only ours: [{string.Join(" | ", ours.Except(theirs))}]";
            if (!differences.TryGetValue(key, out var list))
                differences[key] = list = [];
            list.Add(mail);
        }

        public void Print(int show)
        {
            Console.WriteLine($"{what}: {sameSet} of {count} as sets, {sameOrder} in the same order");
            foreach (var (key, list) in differences.OrderByDescending(d => d.Value.Count).Take(show))
                Console.WriteLine($"  {list.Count} mails ({string.Join(" ", list.Take(6))}{(list.Count > 6 ? " …" : "")}): {key}");
            if (differences.Count > show)
                Console.WriteLine($"  … {differences.Count - show} more kinds of difference");
            foreach (var order in orders.Take(show))
                Console.WriteLine($"  order: {order}");
        }
    }
}
