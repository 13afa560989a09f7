using System.Text;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Mail;

/// <summary>
/// GitMailmap against `git check-mailmap`: the same file given as mailmap.file, the same names and addresses on its
/// standard input, the same answer expected for each, on generated files full of odd lines and on the kernel's .mailmap
/// with every sender and trailer of the hwmon half-year.
/// </summary>
public sealed class MailmapOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void GeneratedMailmapsMapEveryoneAsGitDoes()
    {
        var random = new Random(20261128);
        string[] names = ["Ann", "ann", "ANN", "Ann Author", "ann author", "Jörg", "JÖRG", "jörg", "A", "Bo  Builder", "Bo Builder"];
        string[] emails = ["a@x.org", "A@X.ORG", "b@x.org", "B@x.org", "c@y.net", "Ö@x.org", "ö@x.org", "jörg@y.net", "JÖRG@y.net"];
        string[] blanks = ["", " ", "  ", "\t", " \t "];
        string Pick(string[] from) => from[random.Next(from.Length)];
        string Part(bool allowEmpty) => (random.Next(3) == 0 ? "" : Pick(names)) + Pick(blanks) + "<" +
            (allowEmpty && random.Next(8) == 0 ? "" : Pick(emails)) + ">";
        string Line() => random.Next(12) switch
        {
            0 => "# " + Part(false) + " " + Part(true), // a comment
            1 => Pick(blanks) + "#" + Part(false) + Part(true), // not one: '#' after a blank
            2 => new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => "<>a #\t@"[random.Next(7)]).ToArray()),
            3 => Part(false) + Pick(blanks) + Part(true) + " # note",
            4 => Part(false) + "\r", // a CRLF file
            5 => Part(false),
            _ => Pick(blanks) + Part(false) + Pick(blanks) + Part(true) + Pick(blanks),
        };

        using var repo = new TempDir("rq-mailmap-oracle");
        Run.Git(repo.Path, "init", "-q");
        var queries = names.SelectMany(n => emails.Select(e => (Name: (string?)n, Email: e)))
            .Concat(emails.Select(e => (Name: (string?)null, Email: e))).ToList();
        int files = 0, mapped = 0;
        var differ = new List<string>();
        for (int file = 0; file < 60; file++)
        {
            var text = string.Join("\n", Enumerable.Range(0, random.Next(1, 25)).Select(_ => Line())) + "\n";
            var answers = CheckMailmap(repo.Path, text, queries);
            var ours = GitMailmap.Parse(text);
            for (int i = 0; i < queries.Count; i++)
            {
                var mine = Format(ours.Map(queries[i].Name, queries[i].Email));
                if (mine != answers[i])
                    differ.Add($"file {file}: {Format(queries[i])}: git {answers[i]}, ours {mine}\n{text}");
                if (answers[i] != Format(queries[i]))
                    mapped++;
            }
            files++;
        }
        output.WriteLine($"{files} generated mailmaps, {files * queries.Count} names and addresses, {mapped} mapped by git, {differ.Count} differ");
        differ.Take(5).ToList().ForEach(output.WriteLine);
        Assert.Empty(differ);
        Assert.True(mapped > 1000, $"only {mapped} mapped: the generator makes too few matching lines");
    }

    [Fact]
    public void TheKernelsMailmapMapsEveryHwmonSenderAndTrailerAndItsOwnEntriesAsGitDoes()
    {
        var mailmapPath = Corpus.Require("maintainers", "linux-6.12", "mailmap");
        var text = File.ReadAllText(mailmapPath);
        var people = new HashSet<(string? Name, string Email)>();
        foreach (var mail in CorpusMail.Read("lists", "linux-hwmon", "hwmon-2024H2.mbox"))
        {
            if (MailReader.Read(mail.Bytes, null).Mail is not { } read)
                continue;
            foreach (var person in new[] { (read.From.Name, read.From.Email), (read.Author.Name, read.Author.Email) }
                .Concat(read.Trailers.Select(t => (t.PersonName, t.Email))))
                if (Speakable(person.Item1, person.Item2))
                    people.Add((person.Item1?.Trim(), person.Item2!.Trim()));
        }
        // Every line's addresses and names as written, and again in another case, so each entry is asked for.
        foreach (var line in text.Split('\n').Where(l => !l.StartsWith('#')))
        {
            var parts = line.Split('<', '>');
            for (int i = 1; i < parts.Length; i += 2)
            {
                var name = parts[i - 1].Trim();
                foreach (var email in new[] { parts[i].Trim(), parts[i].Trim().ToUpperInvariant() })
                    if (Speakable(name, email))
                    {
                        people.Add((name.Length == 0 ? null : name, email));
                        people.Add((name.Length == 0 ? null : name.ToLowerInvariant(), email));
                        people.Add((null, email));
                    }
            }
        }
        using var repo = new TempDir("rq-mailmap-kernel");
        Run.Git(repo.Path, "init", "-q");
        var queries = people.Select(p => (p.Name, (string)p.Email)).Order().ToList();
        var answers = CheckMailmap(repo.Path, text, queries);
        var ours = GitMailmap.Parse(text);
        var differ = queries.Select((q, i) => (q, git: answers[i], mine: Format(ours.Map(q.Name, q.Item2))))
            .Where(x => x.git != x.mine).Select(x => $"{Format(x.q)}: git {x.git}, ours {x.mine}").ToList();
        int mapped = queries.Where((q, i) => answers[i] != Format(q)).Count();
        output.WriteLine($"{queries.Count} names and addresses, {mapped} mapped by git, {differ.Count} differ");
        differ.Take(20).ToList().ForEach(output.WriteLine);
        Assert.Empty(differ);
        Assert.True(mapped > 1000);
    }

    /// <summary>What check-mailmap can be asked: an address, a name without angle brackets or line ends.</summary>
    static bool Speakable(string? name, string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.IndexOfAny(['<', '>', '\n', '\r']) < 0
        && (name is null || name.IndexOfAny(['<', '>', '\n', '\r']) < 0);

    static string Format((string? Name, string? Email) p) => string.IsNullOrEmpty(p.Name) ? $"<{p.Email}>" : $"{p.Name} <{p.Email}>";

    /// <summary>git check-mailmap --stdin's answer for each name and address, the file given as mailmap.file.</summary>
    static List<string> CheckMailmap(string repo, string mailmap, IReadOnlyList<(string? Name, string Email)> queries)
    {
        var file = Path.Combine(repo, "mailmap");
        File.WriteAllText(file, mailmap);
        var input = Encoding.UTF8.GetBytes(string.Concat(queries.Select(q => Format(q) + "\n")));
        var answer = Run.Git(repo, input, "-c", "mailmap.file=" + file, "check-mailmap", "--stdin");
        var lines = answer.Stdout.Split('\n')[..^1].ToList();
        Assert.Equal(queries.Count, lines.Count);
        return lines;
    }
}
