using System.Text.Json;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// b4 as the oracle on a real list half-year: for every thread of hwmon-2024H2.mbox with patches,
/// what Debian's b4 (am -t) added to each patch of the revision it picked (hwmon-2024H2.b4-trailers.json,
/// made by shared/tools/b4-trailers-oracle.py) against the person trailers (*-by with an address)
/// we attach to the same patch mail. At least 99% of (patch, trailer) pairs must agree.
/// </summary>
public sealed class B4OracleTests(ITestOutputHelper output)
{
    [Fact]
    public void HwmonTrailersAgreeWithB4OnAtLeast99Percent()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var oracle = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.b4-trailers.json");
        var mails = CorpusMail.Series(mbox).ToList();
        var topics = CorpusMail.Build(mails);

        // Our trailers per patch mail, over every revision that holds it.
        var ours = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var p in topics.SelectMany(t => t.Revisions).SelectMany(r => r.Patches))
        {
            var set = ours.TryGetValue(p.MessageId, out var s) ? s : ours[p.MessageId] = [];
            foreach (var t in p.Trailers.Where(t => t.AppliesVia != TrailerVia.Carried && t.IdentityOk && IsPerson(t.Name, t.Email)))
                set.Add(Norm(t.Name, t.Value));
        }

        int agree = 0, onlyB4 = 0, onlyOurs = 0, patches = 0;
        var disagreements = new List<string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(oracle));
        foreach (var thread in doc.RootElement.EnumerateArray())
        {
            if (thread.GetProperty("b4_status").GetString() != "ok")
                continue;
            foreach (var patch in thread.GetProperty("patches").EnumerateArray())
            {
                patches++;
                var id = patch.GetProperty("message_id").GetString()!;
                var b4 = patch.GetProperty("added_trailers").EnumerateArray()
                    .Select(x => TrailerReader.Parse(x.GetString()!))
                    .OfType<Trailer>()
                    .Where(t => IsPerson(t.Name, t.Email))
                    .Select(t => Norm(t.Name, t.Value))
                    .ToHashSet();
                var mine = ours.GetValueOrDefault(id, []);
                foreach (var t in b4)
                {
                    if (mine.Contains(t))
                        agree++;
                    else
                    {
                        onlyB4++;
                        disagreements.Add($"b4 only   <{id}> {t}");
                    }
                }
                foreach (var t in mine.Where(t => !b4.Contains(t)))
                {
                    onlyOurs++;
                    disagreements.Add($"ours only <{id}> {t}");
                }
            }
        }
        int pairs = agree + onlyB4 + onlyOurs;
        double share = pairs == 0 ? 1 : (double)agree / pairs;
        output.WriteLine($"{patches} patches, {pairs} (patch, trailer) pairs: {agree} agree, {onlyB4} only b4, {onlyOurs} only ours: {share:P2}");
        foreach (var d in disagreements)
            output.WriteLine(d);
        Assert.True(share >= 0.99, $"agreement with b4 {share:P2} < 99%");
    }

    static bool IsPerson(string name, string? email) =>
        email is not null && name.EndsWith("-by", StringComparison.OrdinalIgnoreCase);

    static string Norm(string name, string value) =>
        $"{TrailerReader.Canonical(name)}: {string.Join(' ', value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))}".ToLowerInvariant();
}
