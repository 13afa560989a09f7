using System.Diagnostics;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Storage;

namespace ReviewQueue.Benchmarks;

/// <summary>Times each stage of the import alone (split, parse, compress), single-threaded, to see where time goes.</summary>
public static class StageBenchmark
{
    public static int Run(string[] args)
    {
        var path = args[0];
        var clock = Stopwatch.StartNew();
        var mails = new List<RawMail>();
        using (var file = File.OpenRead(path))
            mails.AddRange(new MboxReader(file, path).Read());
        Report("split (MboxReader)", mails.Count, clock);

        clock.Restart();
        int ok = 0;
        foreach (var m in mails)
            if (!EnvelopeReader.Read(m.Bytes).Rejected)
                ok++;
        Report("parse (EnvelopeReader)", ok, clock);

        clock.Restart();
        long packed = 0;
        foreach (var m in mails)
            packed += Compression.Pack(m.Bytes).Length;
        Report($"compress (zlib, {packed / 1048576.0:0.0} MB)", mails.Count, clock);
        return 0;
    }

    static void Report(string stage, int count, Stopwatch clock) =>
        Console.WriteLine($"{stage,-32} {count,7} in {clock.Elapsed.TotalSeconds,6:0.000} s = {count / clock.Elapsed.TotalSeconds,8:0}/s");
}
