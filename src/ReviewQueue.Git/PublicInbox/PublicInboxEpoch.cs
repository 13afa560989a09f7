using LibGit2Sharp;
using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Git.PublicInbox;

/// <summary>
/// One public-inbox v2 epoch, scanned by <see cref="PublicInboxReader.Open"/>: how many messages it
/// holds and which blobs were later removed ("d" commits). Reading it yields each "m" blob oldest first,
/// except the removed ones, so a message taken down from the archive is not imported.
/// </summary>
public sealed class PublicInboxEpoch
{
    HashSet<ObjectId> removed;
    /// <summary>The commit an earlier import read up to: only what came after it is read.</summary>
    readonly ObjectId? after;

    internal PublicInboxEpoch(string path, int messages, HashSet<ObjectId> removed, string? root = null, string? head = null,
        ObjectId? after = null, int readBefore = 0)
    {
        Path = path;
        Messages = messages;
        this.removed = removed;
        Root = root;
        Head = head;
        this.after = after;
        ReadBefore = readBefore;
    }

    internal static PublicInboxEpoch Empty(string path) => new(path, 0, []);

    public string Path { get; }
    /// <summary>The epoch's first commit: which epoch this is wherever its copy lies (null while it has none).</summary>
    public string? Root { get; }
    /// <summary>The newest commit when the epoch was opened: what <see cref="Read"/> reads up to.</summary>
    public string? Head { get; }
    /// <summary>Commits to read holding a message ("m"), removed and purged ones included.</summary>
    public int Messages { get; }
    /// <summary>Such commits an earlier import read already (up to the commit it stopped at), left out of <see cref="Messages"/>.</summary>
    public int ReadBefore { get; }
    /// <summary>Messages passed so far by <see cref="Read"/>, skipped ones included (for a progress bar).</summary>
    public int Done { get; private set; }
    /// <summary>Messages <see cref="Read"/> left out because the archive removed them.</summary>
    public int Removed { get; private set; }

    /// <summary>
    /// public-inbox writes a removal into the epoch current at the time, so a message of epoch 0 may be
    /// removed in epoch 2: epochs imported together honour each other's removals.
    /// </summary>
    public static void ShareRemovals(IReadOnlyList<PublicInboxEpoch> epochs)
    {
        if (epochs.Count < 2)
            return;
        var all = new HashSet<ObjectId>(epochs.SelectMany(e => e.removed));
        foreach (var epoch in epochs)
            epoch.removed = all;
    }

    public IEnumerable<RawMail> Read()
    {
        if (Messages == 0)
            yield break;
        using var repo = new Repository(Path);
        foreach (var commit in PublicInboxReader.Walk(repo, after: after))
        {
            if (PublicInboxReader.IsPurged(commit))
            {
                // Nothing left to read: counted with the removed ones, not rejected as an empty mail.
                Done++;
                Removed++;
                continue;
            }
            if (commit.Tree["m"] is not { Target: Blob blob })
                continue;
            Done++;
            if (removed.Contains(blob.Id))
            {
                Removed++;
                continue;
            }
            // A blob larger than a mail may be is kept as its start and size (RawMail.TooLarge), not read whole.
            using var content = blob.GetContentStream();
            yield return RawMail.Read(content, $"{Path}@{commit.Sha[..12]}", commit.Committer.When);
        }
    }
}
