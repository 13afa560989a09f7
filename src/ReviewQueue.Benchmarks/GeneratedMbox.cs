using System.Text;

namespace ReviewQueue.Benchmarks;

/// <summary>A large mboxrd of small synthetic patch mails and replies, to show memory stays bounded.</summary>
public static class GeneratedMbox
{
    public static int Run(string[] args)
    {
        var mb = ImportBenchmark.Option(args, "--mb");
        if (args.Length == 0 || mb is null || !int.TryParse(mb, out var megabytes) || megabytes < 1)
        {
            Console.Error.WriteLine("generate: PATH --mb N");
            return 64;
        }
        long target = megabytes * 1048576L;
        using var w = new StreamWriter(args[0], false, new UTF8Encoding(false), 1 << 16);
        long written = 0;
        int n = 0;
        var diff = new StringBuilder();
        for (int i = 0; i < 120; i++)
            diff.Append("+\tvalue = read_register(chip, ").Append(i).Append(");\n");
        while (written < target)
        {
            var date = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(n * 37);
            var reply = n % 3 == 2;
            var text =
                $"From bench@example.org {date:ddd MMM d HH:mm:ss yyyy}\n" +
                $"From: Bench Author {n % 97} <author{n % 97}@example.org>\n" +
                $"To: bench@lists.example.org\n" +
                $"Subject: {(reply ? "Re: " : "")}[PATCH {n % 5 + 1}/5] drivers: bench: change {n / 3}\n" +
                $"Date: {date:ddd, d MMM yyyy HH:mm:ss} +0000\n" +
                $"Message-ID: <bench-{n}@example.org>\n" +
                (reply ? $"In-Reply-To: <bench-{n - 1}@example.org>\n" : "") +
                "\n" +
                (reply ? "> quoted\n>From an escaped line\n\nReviewed-by: Bench Reviewer <rev@example.org>\n"
                       : $"Change {n}.\n\nSigned-off-by: Bench Author <author{n % 97}@example.org>\n---\n" +
                         "diff --git a/drivers/bench.c b/drivers/bench.c\n--- a/drivers/bench.c\n+++ b/drivers/bench.c\n@@ -1,1 +1,121 @@\n" + diff) +
                "\n";
            w.Write(text);
            written += text.Length;
            n++;
        }
        Console.WriteLine($"wrote {args[0]}: {n} messages, {written / 1048576.0:0.0} MB");
        return 0;
    }
}
