using System.Text;

namespace ReviewQueue.IntegrationTests.Review;

/// <summary>
/// Weeks of a small list's mail, day by day, as a running service receives it: new series (some with a fix, some
/// of two patches under a cover letter), reviews, acks, "Applied" replies, v2s that supersede a v1 (some touching
/// other files, so other sections), and mail that arrives days after its Date (a late mail). Made from a seed: the
/// same seed gives the same mail.
/// </summary>
public sealed class ListDays
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The sections the mail's files fall in (lib/ falls in none): broad ones that most series are in, and one per chip
    /// that few are, so a section is left with no series now and then.
    /// </summary>
    public static readonly string Maintainers =
        "DEMO SENSORS\nM:\tMia Maintainer <mia@example.org>\nS:\tMaintained\nF:\tdrivers/hwmon/\n\n" +
        "DEMO FAN DRIVERS\nM:\tFay Fan <fay@example.org>\nS:\tMaintained\nF:\tdrivers/hwmon/fan*\n\n" +
        "DEMO DOCUMENTATION\nM:\tDoc Writer <doc@example.org>\nS:\tMaintained\nF:\tDocumentation/hwmon/\n\n" +
        "DEMO CORE\nM:\tCora Core <cora@example.org>\nS:\tMaintained\nF:\tdrivers/base/\n\n" +
        string.Concat(Enumerable.Range(0, Chips).Select(i =>
            $"DEMO CHIP{i} DRIVER\nM:\tChip Keeper <chip{i}@example.org>\nS:\tMaintained\nF:\tDocumentation/hwmon/chip{i}.rst\nF:\tdrivers/hwmon/chip{i}.c\n\n"));

    const int Chips = 6;

    /// <summary>One delivery: the mail that arrives at a moment, as one mbox.</summary>
    public sealed record Delivery(DateTimeOffset At, string Mbox);

    sealed record Posted(string Id, string Title, string Author, int Version, string[] Files, DateTimeOffset Date, List<string> Patches);

    static readonly string[] Authors = ["Ada Author <ada@example.org>", "Bo Builder <bo@builders.example.com>", "Cy Coder <cy@example.net>"];
    static readonly string[] Reviewers = ["Rita Reviewer <rita@example.org>", "Rob Reviewer <rob@example.org>"];
    const string Maintainer = "Mia Maintainer <mia@example.org>";

    readonly Random random;
    readonly List<Posted> open = [];
    int next, replies;

    ListDays(int seed) => random = new Random(seed);

    /// <summary>The deliveries of <paramref name="days"/> days from <see cref="Start"/> on, in the order they arrive.</summary>
    public static List<Delivery> Make(int seed, int days)
    {
        var list = new ListDays(seed);
        var deliveries = new List<Delivery>();
        for (int day = 0; day < days; day++)
        {
            // Some days bring nothing; others mail once or twice.
            int times = list.random.Next(3) == 0 ? 0 : list.random.Next(1, 3);
            var hours = Enumerable.Range(0, times).Select(_ => list.random.Next(6, 23)).Distinct().Order();
            foreach (int hour in hours)
            {
                var at = Start.AddDays(day).AddHours(hour).AddMinutes(list.random.Next(60));
                var text = new StringBuilder();
                int mails = list.random.Next(1, 4);
                for (int i = 0; i < mails; i++)
                    list.One(text, at);
                deliveries.Add(new Delivery(at, text.ToString()));
            }
        }
        return deliveries;
    }

    /// <summary>One thing happening on the list, told by mail that arrives at <paramref name="at"/>.</summary>
    void One(StringBuilder text, DateTimeOffset at)
    {
        // A late mail: dated up to a week before it arrives (held in a moderation queue, a sender's clock behind).
        var date = random.Next(5) == 0 ? at.AddHours(-random.Next(24, 7 * 24)) : at.AddMinutes(-random.Next(1, 30));
        if (date < Start)
            date = Start.AddMinutes(random.Next(1, 60));
        int what = open.Count == 0 ? 0 : random.Next(6);
        if (what is 0 or 1)
        {
            NewSeries(text, Authors[random.Next(Authors.Length)], $"hwmon: (chip{next}) change {next}", 1, Files(), date);
            return;
        }
        var topic = open[random.Next(open.Count)];
        // A reply comes after what it answers.
        if (date <= topic.Date)
            date = topic.Date.AddMinutes(random.Next(1, 90));
        if (date > at)
            date = at;
        switch (what)
        {
            case 2: // a review of the whole series, or of one patch
                text.Append(Reply(Reviewers[random.Next(Reviewers.Length)], date, topic,
                    random.Next(2) == 0 ? topic.Id : topic.Patches[random.Next(topic.Patches.Count)],
                    $"Looks right.\n\nReviewed-by: {Reviewers[random.Next(Reviewers.Length)]}\n"));
                break;
            case 3: // a v2 by the same author, under the same title: the same files, or others (other sections)
                open.Remove(topic);
                NewSeries(text, topic.Author, topic.Title, topic.Version + 1, random.Next(2) == 0 ? topic.Files : Files(), date);
                break;
            case 4: // the maintainer applies it
                open.Remove(topic);
                text.Append(Reply(Maintainer, date, topic, topic.Id, "Applied to hwmon-next, thanks.\n"));
                break;
            default: // discussion without a review
                text.Append(Reply(Reviewers[random.Next(Reviewers.Length)], date, topic, topic.Patches[0], "Why is this needed?\n"));
                break;
        }
    }

    string[] Files()
    {
        string[] pool = ["drivers/hwmon/chip{0}.c", "drivers/hwmon/fan{0}.c", "Documentation/hwmon/chip{0}.rst", "drivers/base/bus{0}.c", "lib/util{0}.c"];
        int n = random.Next(1, 3);
        return Enumerable.Range(0, n).Select(_ => string.Format(pool[random.Next(pool.Length)], random.Next(Chips))).Distinct().ToArray();
    }

    void NewSeries(StringBuilder text, string author, string title, int version, string[] files, DateTimeOffset date)
    {
        string id = $"s{next++}";
        string tag = version == 1 ? "PATCH" : $"PATCH v{version}";
        bool fix = random.Next(4) == 0;
        var patches = new List<string>();
        if (files.Length == 1)
        {
            patches.Add(id);
            text.Append(Patch(id, null, date, $"[{tag}] {title}", author, files[0], fix));
        }
        else
        {
            text.Append(Entry(id, null, date, $"[{tag} 0/{files.Length}] {title}", author, "A few changes.\n"));
            for (int i = 0; i < files.Length; i++)
            {
                patches.Add($"{id}.{i + 1}");
                text.Append(Patch($"{id}.{i + 1}", id, date.AddSeconds(i + 1), $"[{tag} {i + 1}/{files.Length}] {title}: part {i + 1}", author,
                    files[i], fix && i == 0));
            }
        }
        open.Add(new Posted(id, title, author, version, files, date, patches));
    }

    string Reply(string from, DateTimeOffset date, Posted topic, string parent, string body) =>
        Entry($"r{replies++}", parent, date, $"Re: {topic.Title}", from, body);

    internal static string Patch(string id, string? parent, DateTimeOffset date, string subject, string from, string file, bool fix = false) =>
        Entry(id, parent, date, subject, from,
            $"Change {id}.\n\n" + (fix ? "Fixes: 1234567890ab (\"demo: the bug\")\n" : "") + $"Signed-off-by: {from}\n---\n" +
            $" {file} | 1 +\n\ndiff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n--- a/{file}\n+++ b/{file}\n" +
            $"@@ -1 +1,2 @@\n int a;\n+int {id.Replace('.', '_')};\n");

    internal static string Entry(string id, string? parent, DateTimeOffset date, string subject, string from, string body) =>
        "From x@example.org Mon Jan  5 10:00:00 2026\n" +
        $"From: {from}\nTo: devel@lists.example.org\nSubject: {subject}\nDate: {date:R}\nMessage-ID: <{id}@example.org>\n" +
        (parent is null ? "" : $"In-Reply-To: <{parent}@example.org>\nReferences: <{parent}@example.org>\n") +
        "\n" + body + "\n";
}
