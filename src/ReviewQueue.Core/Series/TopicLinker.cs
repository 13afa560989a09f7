using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Series;

/// <summary>
/// Links postings into topics: by change-id, by a posting threaded under another, by the same
/// sender and the same title once prefixes are gone (b4: s:"title" AND f:"sender"), or by a later version of the
/// same sender's title with a driver tag added. The same sender is the same address, or the same full name from
/// another one (a v4 sent from a new address).
/// </summary>
/// <remarks>
/// Of the tree prefixes only a stable tree keeps same-title postings apart: <c>[PATCH 5.10]</c>,
/// <c>[PATCH 5.15]</c> and <c>[PATCH 6.1]</c> of one fix are parallel backports, each reviewed and
/// taken on its own, and none replaces another; a backport is no re-roll of the mainline patch either.
/// <c>[PATCH 5.10 v2]</c> re-rolls <c>[PATCH 5.10]</c>. Other trees do not: a patch re-sent from
/// net-next to net (or hwmon-next to hwmon) is the maintainer's "this is a fix, send it to net",
/// the same change's next revision, so it links. A change-id links whatever the prefixes say: it is
/// the author's own statement that two postings are one topic.
/// </remarks>
static partial class TopicLinker
{
    public static List<(List<Posting> Postings, Dictionary<string, string> LinkedBy)> Link(MailGraph graph, List<Posting> postings)
    {
        var index = postings.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var parent = Enumerable.Range(0, postings.Count).ToArray();
        // Each posting's links, its titles and its sender, found once: every step below asks for them again.
        var links = postings.Select(_ => new List<string>()).ToArray();
        var titles = postings.Select(Titles).ToArray();
        var senders = postings.Select(p => p.Sender).ToArray();
        var names = postings.Select(p => p.SenderName).ToArray();
        bool SameSender(int a, int b) => senders[a] == senders[b] || names[a] is not null && names[a] == names[b];
        var stable = postings.Select(p => p.StableTree).ToArray();
        // The keys a posting's title is found by: its sender's address, and full name, with its stable tree (none for a
        // mainline posting).
        IEnumerable<string> SenderKeys(Posting p, string title)
        {
            int i = index[p];
            yield return senders[i] + "\n" + stable[i] + "\n" + title;
            if (names[i] is { } name)
                yield return "name:" + name + "\n" + stable[i] + "\n" + title;
        }

        void Union(Posting a, Posting b, string how)
        {
            links[index[a]].Add(how);
            if (b != a)
                links[index[b]].Add(how);
            int ra = Find(index[a]), rb = Find(index[b]);
            if (ra != rb)
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        int Find(int i)
        {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        }

        var byMessage = new Dictionary<string, Posting>(StringComparer.Ordinal);
        foreach (var p in postings)
            foreach (var m in p.Members.Values)
                byMessage.TryAdd(m.MessageId, p);

        // Work for one tree only: a backport is never a revision of mainline work, nor of a backport to another tree.
        foreach (var group in postings.Where(p => p.ChangeId is not null).GroupBy(p => (p.ChangeId!, p.StableTree)))
            foreach (var p in group.Skip(1))
                Union(group.First(), p, "change-id");

        foreach (var p in postings)
        {
            // The posting's first mail answers a mail of another posting: a v2 under v1, or a re-roll of one patch.
            foreach (var member in p.Members.Values)
            {
                var other = graph.Ancestors(member).Select(a => byMessage.GetValueOrDefault(a.MessageId)).FirstOrDefault(o => o is not null && o != p);
                if (other is not null && SameSender(index[other], index[p]) && stable[index[other]] == stable[index[p]]
                    && IsRevisionOf(p, other, titles[index[p]], titles[index[other]]))
                {
                    Union(other, p, "thread");
                    break;
                }
            }
        }

        var byTitle = new Dictionary<string, Posting>(StringComparer.Ordinal);
        foreach (var p in postings)
        {
            // Same sender (by address, or by name from another address), same title, same stable tree.
            foreach (var title in titles[index[p]])
                foreach (var key in SenderKeys(p, title))
                {
                    if (byTitle.TryGetValue(key, out var first))
                        Union(first, p, "title");
                    else
                        byTitle[key] = p;
                }
        }

        // A later version by the same sender whose title only adds a driver tag to an untagged one, touching some of
        // the same files: "hwmon: fix x" re-sent as "[PATCH v2] hwmon: (foo) fix x". Never a tag changed to another:
        // "hwmon: (foo) rework" and "hwmon: (bar) rework" are two drivers' work.
        var untagged = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        foreach (var p in postings)
            foreach (var title in titles[index[p]].Where(t => DriverTag.Without(t) is null))
                foreach (var key in SenderKeys(p, title))
                    (untagged.TryGetValue(key, out var list) ? list : untagged[key] = []).Add(p);
        foreach (var p in postings)
            foreach (var title in titles[index[p]])
                if (DriverTag.Without(title) is { } plain)
                    foreach (var key in SenderKeys(p, plain))
                        foreach (var earlier in untagged.GetValueOrDefault(key) ?? [])
                            if (AddsTag(p, earlier))
                                Union(earlier, p, "tag");

        return postings
            .GroupBy(p => Find(index[p]))
            .Select(g =>
            {
                var members = g.OrderBy(p => p.Date).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
                var how = new Dictionary<string, string>(StringComparer.Ordinal) { [members[0].Id] = "first" };
                foreach (var p in members.Skip(1))
                    how[p.Id] = Strongest(links[index[p]]);
                return (members, how);
            })
            .ToList();
    }

    /// <summary>
    /// A posting threaded under another of the same tree (mainline, or one stable tree) is its next
    /// revision when it says so: a higher or partial version, or the same title, or the same series sent again
    /// (<see cref="SentAgain"/>). An unversioned patch with a new title posted into a series' thread is a patch of
    /// its own (Patchwork's "orphaned patch" case), not a re-roll; a backport to 5.15 sent in reply to the one to
    /// 5.10, or to the mainline posting, is none either, whatever its version says.
    /// </summary>
    static bool IsRevisionOf(Posting p, Posting earlier, IReadOnlyList<string> titles, IReadOnlyList<string> earlierTitles) =>
        (!p.VersionInferred && p.Version > earlier.Version)
        || p.VersionMinor is not null
        || titles.Intersect(earlierTitles).Any()
        || SentAgain(p, earlier);

    /// <summary>
    /// Threaded under it, the whole series again with the version left as it was, under a new title: the author's
    /// answer to review that forgot to raise the version ("the subject should be …", and the next posting answers that
    /// mail with the subject asked for). The same written version, complete, as many patches, and the same files.
    /// </summary>
    static bool SentAgain(Posting p, Posting earlier)
    {
        if (p.VersionInferred || earlier.VersionInferred || p.Version != earlier.Version || !p.Complete || p.Total != earlier.Total)
            return false;
        var files = p.Patches.SelectMany(m => m.Files).ToHashSet(StringComparer.Ordinal);
        return files.Count > 0 && files.SetEquals(earlier.Patches.SelectMany(m => m.Files));
    }

    /// <summary>
    /// <paramref name="p"/>, whose title is <paramref name="earlier"/>'s with a driver tag added, re-rolls it: it came
    /// later, writes a higher version and touches a file the earlier one touched.
    /// </summary>
    static bool AddsTag(Posting p, Posting earlier) =>
        !p.VersionInferred && p.Version > earlier.Version && p.Date > earlier.Date
        && p.Patches.SelectMany(m => m.Files).Intersect(earlier.Patches.SelectMany(m => m.Files)).Any();

    static string Strongest(IEnumerable<string> hows)
    {
        var set = hows.ToHashSet();
        return set.Contains("change-id") ? "change-id" : set.Contains("thread") ? "thread" : set.Contains("title") ? "title" : "tag";
    }

    internal static IReadOnlyList<string> Titles(Posting p)
    {
        var titles = new HashSet<string>(StringComparer.Ordinal);
        if (p.Cover is { } cover)
            titles.Add(Normalize(cover.Title));
        var first = p.Patches.FirstOrDefault();
        if (first is not null)
            titles.Add(Normalize(first.Title));
        return titles.Where(t => t.Length >= 8).ToList();
    }

    /// <summary>Lower case, single spaces, no "(v2)"-style version note, no trailing dot.</summary>
    public static string Normalize(string title)
    {
        var t = VersionNote().Replace(title, " ");
        t = Spaces().Replace(t, " ").Trim().TrimEnd('.').Trim();
        return t.ToLowerInvariant();
    }

    [GeneratedRegex(@"\(\s*v\d+(\.\d+)?\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex VersionNote();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
