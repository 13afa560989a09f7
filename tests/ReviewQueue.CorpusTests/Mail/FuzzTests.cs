using System.Diagnostics;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.CorpusTests.Mail;

/// <summary>Broken mail gives a result or problems, never an exception, and in bounded time.</summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    static readonly TimeSpan PerMessageLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public void PatchworkFuzzMailsGiveAResultOrProblems()
    {
        var mails = CorpusMail.Read("patchwork", "fuzz").ToList();
        foreach (var mail in mails)
            Check(mail.Bytes, mail.Source, out _);
        output.WriteLine($"patchwork/fuzz: {mails.Count} mails read without an exception");
        Assert.Equal(17, mails.Count);
    }

    [Fact]
    public void TenThousandMutationsOfCorpusMailGiveAResultOrProblems()
    {
        var seeds = CorpusMail.Read("lists", "linux-hwmon", "hwmon-2024H2.mbox").Where((_, i) => i % 20 == 0)
            .Concat(CorpusMail.Read("patchwork", "mail"))
            .Concat(CorpusMail.Read("public-inbox"))
            .Select(m => m.Bytes).ToList();
        var mutations = new MailMutations(20241126);
        var kinds = new SortedDictionary<string, int>();
        var time = new SortedDictionary<string, double>();
        int results = 0, problemsOnly = 0;
        var slowest = TimeSpan.Zero;
        string slowestKind = "";
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 10_000; i++)
        {
            var (kind, mail) = mutations.Mutate(seeds[i % seeds.Count]);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var elapsed = Check(mail, $"mutation {i} ({kind})", out bool read);
            time[kind] = time.GetValueOrDefault(kind) + elapsed.TotalMilliseconds;
            if (read) results++; else problemsOnly++;
            if (elapsed > slowest)
            {
                slowest = elapsed;
                slowestKind = kind;
            }
        }
        output.WriteLine($"10000 mutations of {seeds.Count} corpus mails in {clock.Elapsed.TotalSeconds:0.0} s: {results} read, {problemsOnly} problems only, 0 exceptions");
        output.WriteLine("mutations (count, mean ms): " + string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value} {time[k.Key] / k.Value:0.0}")));
        output.WriteLine($"slowest message: {slowest.TotalMilliseconds:0} ms ({slowestKind})");
    }

    /// <summary>Reads a mail both ways (the import path and raw bytes); a caught exception is a failure too.</summary>
    static TimeSpan Check(byte[] mail, string what, out bool read)
    {
        var clock = Stopwatch.StartNew();
        // The import path (envelope, then the reader on the same bytes); the raw-bytes path for what it rejects.
        var envelope = EnvelopeReader.Read(mail);
        var viaImport = envelope.Envelope is { } e ? MailReader.Read(e.Message, mail, null) : null;
        var direct = viaImport ?? MailReader.Read(mail, null);
        var elapsed = clock.Elapsed;
        foreach (var result in new[] { viaImport, direct })
        {
            if (result is null)
                continue;
            Assert.True(result.Mail is not null || result.Problems.Count > 0, $"{what}: neither a mail nor problems");
            var failure = (result.Mail?.Problems ?? result.Problems).FirstOrDefault(p => p.Code == MailProblems.ReaderFailure);
            Assert.True(failure is null, $"{what}: {failure}");
        }
        Assert.True(elapsed < PerMessageLimit, $"{what}: took {elapsed.TotalSeconds:0.0} s");
        read = direct.Mail is not null;
        return elapsed;
    }
}
