using System.Globalization;
using System.Text;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>
/// Mails written whole, subjects and all, read by the mail reader and the series factory: what the
/// prefixes say (RESEND on a cover only, a stable tree, a re-targeted tree) decides postings and topics.
/// </summary>
public sealed class ParallelPostingTests
{
    const int Day = 60 * 24;

    // [PATCH RESEND 0/2] ─┬─ [PATCH 1/2]
    //                     ├─ [PATCH 2/2]
    //                     └─ Re: Acked-by
    [Fact]
    public void AResendCoverOverPlainPatchesIsOneCompletePostingAndItsAckReachesBothPatches()
    {
        var topics = Build(
            Cover("[PATCH RESEND 0/2] hwmon: (demo) two small fixes", "c0", 0),
            Patch("[PATCH 1/2] hwmon: (demo) fix one", "p1", 1, replyTo: "c0"),
            Patch("[PATCH 2/2] hwmon: (demo) fix two", "p2", 2, replyTo: "c0"),
            Reply("Re: [PATCH RESEND 0/2] hwmon: (demo) two small fixes", "r0", "c0", 30, "Acked-by: Rob Reviewer <rob@example.org>"));
        var r = Assert.Single(Single(topics).Revisions);
        Assert.True(r.Complete);
        Assert.True(r.Resend);
        Assert.Equal("c0@example.org", r.CoverMessageId);
        Assert.Equal(["p1@example.org", "p2@example.org"], r.Patches.Select(p => p.MessageId));
        Assert.All(r.Patches, p => Assert.Equal("Acked-by", Assert.Single(p.Trailers).Name));
    }

    [Fact]
    public void AV2ResendCoverOverV2PatchesIsOneCompleteV2Posting()
    {
        var topics = Build(
            Cover("[PATCH v2 RESEND 0/2] hwmon: (demo) two small fixes", "c0", 0),
            Patch("[PATCH v2 1/2] hwmon: (demo) fix one", "p1", 1, replyTo: "c0"),
            Patch("[PATCH v2 2/2] hwmon: (demo) fix two", "p2", 2, replyTo: "c0"));
        var r = Assert.Single(Single(topics).Revisions);
        Assert.True(r.Complete);
        Assert.True(r.Resend);
        Assert.Equal(2, r.Version);
        Assert.Empty(r.Missing);
    }

    // The whole series sent again two weeks later, RESEND on every mail, in reply to the first cover
    // (git send-email --in-reply-to): the same series posted twice is two postings of one topic.
    [Fact]
    public void AWholeSeriesResentIsStillASecondPosting()
    {
        var topics = Build(
            Cover("[PATCH 0/2] hwmon: (demo) two small fixes", "a0", 0),
            Patch("[PATCH 1/2] hwmon: (demo) fix one", "a1", 1, replyTo: "a0"),
            Patch("[PATCH 2/2] hwmon: (demo) fix two", "a2", 2, replyTo: "a0"),
            Cover("[PATCH RESEND 0/2] hwmon: (demo) two small fixes", "b0", 14 * Day, replyTo: "a0"),
            Patch("[PATCH RESEND 1/2] hwmon: (demo) fix one", "b1", 14 * Day + 1, replyTo: "b0"),
            Patch("[PATCH RESEND 2/2] hwmon: (demo) fix two", "b2", 14 * Day + 2, replyTo: "b0"));
        var topic = Single(topics);
        Assert.Equal(["a0@example.org", "b0@example.org"], topic.Revisions.Select(r => r.CoverMessageId));
        Assert.All(topic.Revisions, r => Assert.True(r.Complete));
        Assert.Equal([false, true], topic.Revisions.Select(r => r.Resend));
        Assert.Equal("b0@example.org", topic.Revisions[0].SupersededBy);
    }

    // One fix backported to three stable trees by its author, each a threaded series of its own.
    [Fact]
    public void BackportsOfOneSeriesToThreeStableTreesAreThreeTopicsNoneSuperseded()
    {
        var mails = new List<string>();
        foreach (var (tree, k) in new[] { ("5.10", 0), ("5.15", 1), ("6.1", 2) })
        {
            mails.Add(Cover($"[PATCH {tree} 0/2] hwmon backport of fixes", $"s{k}0", 10 * k));
            mails.Add(Patch($"[PATCH {tree} 1/2] hwmon: (demo) fix one", $"s{k}1", 10 * k + 1, replyTo: $"s{k}0", seed: k));
            mails.Add(Patch($"[PATCH {tree} 2/2] hwmon: (demo) fix two", $"s{k}2", 10 * k + 2, replyTo: $"s{k}0", seed: k + 5));
        }
        var topics = Build([.. mails]);
        Assert.Equal(3, topics.Count);
        Assert.All(topics, t => Assert.Null(Assert.Single(t.Revisions).SupersededBy));
    }

    [Fact]
    public void SinglePatchBackportsToTwoStableBranchesAreTwoTopics()
    {
        var topics = Build(
            Patch("[PATCH 6.6.y] hwmon: (demo) fix the limit", "y66", 0),
            Patch("[PATCH 6.1.y] hwmon: (demo) fix the limit", "y61", 1, seed: 1));
        Assert.Equal(2, topics.Count);
        Assert.All(topics, t => Assert.Null(Assert.Single(t.Revisions).SupersededBy));
    }

    // The 5.15 backport sent in reply to the 5.10 one: threading alone does not make it a re-roll.
    [Fact]
    public void ABackportThreadedUnderAnotherTreesBackportIsNotItsRevision()
    {
        var topics = Build(
            Patch("[PATCH 5.10] hwmon: (demo) fix the limit", "b510", 0),
            Patch("[PATCH 5.15] hwmon: (demo) fix the limit", "b515", 5, replyTo: "b510", seed: 1));
        Assert.Equal(2, topics.Count);
    }

    // A backport is no re-roll of the mainline patch it comes from, even by the same author.
    [Fact]
    public void AStableBackportIsNotARevisionOfTheMainlinePatch()
    {
        var topics = Build(
            Patch("[PATCH] hwmon: (demo) fix the limit", "main", 0),
            Patch("[PATCH 6.1] hwmon: (demo) fix the limit", "b61", 30 * Day, seed: 1));
        Assert.Equal(2, topics.Count);
    }

    [Fact]
    public void AReRollForTheSameStableTreeIsTheNextRevision()
    {
        var topics = Build(
            Patch("[PATCH 5.10] hwmon: (demo) fix the limit", "a", 0),
            Patch("[PATCH 5.10 v2] hwmon: (demo) fix the limit", "b", Day, seed: 1));
        var topic = Single(topics);
        Assert.Equal([1, 2], topic.Revisions.Select(r => r.Version));
        Assert.Equal("title", topic.Current.LinkedBy);
        Assert.Equal("b@example.org", topic.Revisions[0].SupersededBy);
    }

    // "Please send this to net, it is a fix": re-targeted from net-next to net, the same patch's next revision.
    [Fact]
    public void APatchReTargetedFromNetNextToNetIsStillTheNextRevision()
    {
        var topics = Build(
            Patch("[PATCH net-next] net: demo: fix a leak", "a", 0),
            Patch("[PATCH net v2] net: demo: fix a leak", "b", Day, seed: 1));
        var topic = Single(topics);
        Assert.Equal([1, 2], topic.Revisions.Select(r => r.Version));
        Assert.Equal("b@example.org", topic.Revisions[0].SupersededBy);
    }

    static IReadOnlyList<Topic> Build(params string[] raws) => WrittenMails.Assemble(raws, Rules, _ => false);

    static string Headers(string from, string subject, string id, string? replyTo, int minute) =>
        WrittenMails.Headers(from, subject, id, replyTo, minute);

    static string Cover(string subject, string id, int minute, string? replyTo = null) =>
        Headers("Ada Author <ada@example.org>", subject, id, replyTo, minute) + """
        Two small fixes for the demo chip.

        Ada Author (2):
          fix one
          fix two

         drivers/hwmon/demo.c | 2 ++
         1 file changed, 2 insertions(+)

        --
        2.47.0
        """;

    /// <summary>A one-line patch; <paramref name="seed"/> changes the line, so backports to other trees differ.</summary>
    static string Patch(string subject, string id, int minute, string? replyTo = null, int seed = 0) =>
        Headers("Ada Author <ada@example.org>", subject, id, replyTo, minute) + WrittenMails.OneLinePatch($"Fix the demo chip, case {seed}.", seed + 1);

    static string Reply(string subject, string id, string replyTo, int minute, string body) =>
        Headers("Rob Reviewer <rob@example.org>", subject, id, replyTo, minute) + $"""
        On Mon, Ada Author wrote:
        > Two small fixes for the demo chip.

        {body}

        Rob
        """ + "\n";
}
