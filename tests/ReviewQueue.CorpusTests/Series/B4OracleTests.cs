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
        var threadOf = Threads(mails);

        // Our trailers per patch mail, over every revision that holds it. b4 sees one thread only:
        // reviews we carry from an earlier revision posted as another thread are counted apart.
        var ours = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        int acrossThreads = 0;
        foreach (var p in topics.SelectMany(t => t.Revisions).SelectMany(r => r.Patches))
        {
            var set = ours.TryGetValue(p.MessageId, out var s) ? s : ours[p.MessageId] = [];
            foreach (var t in p.Trailers.Where(t => t.AppliesVia != TrailerVia.Carried && t.IdentityOk && IsPerson(t.Name, t.Email)))
            {
                if (t.AppliesVia == TrailerVia.EarlierRevision && threadOf.GetValueOrDefault(t.GivenIn) != threadOf.GetValueOrDefault(p.MessageId))
                {
                    if (!set.Contains(Norm(t.Name, t.Value)))
                        acrossThreads++;
                    continue;
                }
                set.Add(Norm(t.Name, t.Value));
            }
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
        output.WriteLine($"besides: {acrossThreads} reviews carried from an earlier revision posted as another thread (same patch-id), which b4 on one thread cannot see");
        foreach (var d in disagreements)
            output.WriteLine(d);
        Assert.True(share >= 0.99, $"agreement with b4 {share:P2} < 99%");
    }

    /// <summary>Thread of every mail: connected by In-Reply-To and References, named by its smallest id.</summary>
    static Dictionary<string, string> Threads(IReadOnlyList<SeriesMail> mails)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
                x = parent[x] = parent.GetValueOrDefault(p, p);
            return x;
        }
        void Union(string a, string b)
        {
            parent.TryAdd(a, a);
            parent.TryAdd(b, b);
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
                parent[string.CompareOrdinal(ra, rb) < 0 ? rb : ra] = string.CompareOrdinal(ra, rb) < 0 ? ra : rb;
        }
        foreach (var m in mails)
        {
            Union(m.MessageId, m.MessageId);
            if (m.InReplyTo is not null)
                Union(m.MessageId, m.InReplyTo);
            foreach (var r in m.References)
                Union(m.MessageId, r);
        }
        return parent.Keys.ToDictionary(k => k, Find, StringComparer.Ordinal);
    }

    static bool IsPerson(string name, string? email) =>
        email is not null && name.EndsWith("-by", StringComparison.OrdinalIgnoreCase);

    /// <summary>Name and value, white space folded, b4's "# extinfo" comment left off (b4 logs it apart).</summary>
    static string Norm(string name, string value)
    {
        int hash = value.IndexOf(" #", StringComparison.Ordinal);
        if (hash > 0 && value.IndexOf('#', hash + 2) < 0)
            value = value[..hash];
        return $"{TrailerReader.Canonical(name)}: {string.Join(' ', value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))}".ToLowerInvariant();
    }
}
