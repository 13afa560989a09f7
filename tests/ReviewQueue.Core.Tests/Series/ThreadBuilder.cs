using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>Writes threads as SeriesMail records: minutes after a fixed start, people by short name.</summary>
sealed class ThreadBuilder
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    public const string Ada = "ada@example.org";
    public const string Rob = "rob@example.org";
    public const string Mia = "mia@example.org";
    public const string Bot = "lkp@intel.com";

    public static readonly SeriesRules Rules = new(
        email => email.Equals(Bot, StringComparison.OrdinalIgnoreCase),
        name => TrailerReader.Canonical(name) switch
        {
            "Reviewed-by" => TrailerMeaning.Review,
            "Acked-by" => TrailerMeaning.Ack,
            "Tested-by" => TrailerMeaning.Test,
            "Nacked-by" => TrailerMeaning.Objection,
            _ => TrailerMeaning.Other,
        });

    public static readonly ReviewRules Policy = new(Rules.Meaning, TestedCounts: false, MismatchCounts: false, TimeSpan.FromDays(14));

    public List<SeriesMail> Mails { get; } = [];

    static string NameOf(string email) => email switch
    {
        Ada => "Ada Author",
        Rob => "Rob Reviewer",
        Mia => "Mia Maintainer",
        Bot => "kernel test robot",
        _ => email,
    };

    public SeriesMail Cover(string id, int total, string title, int? v = null, int at = 0, string from = Ada,
        string? replyTo = null, string? changeId = null, bool resend = false, string? stableTree = null, string? name = null)
        => Add(new SeriesMail
        {
            MessageId = id, InReplyTo = replyTo, References = replyTo is null ? [] : [replyTo],
            FromName = name ?? NameOf(from), FromEmail = from, Date = Start.AddMinutes(at), Kind = SeriesMailKind.Cover,
            Title = title, Version = v ?? 1, VersionInferred = v is null, Index = 0, Total = total,
            CountersInferred = false, HasDiffstat = true, ChangeId = changeId, Resend = resend, StableTree = stableTree,
        });

    public SeriesMail Patch(string id, int index, int total, string title, int? v = null, int at = 0, string from = Ada,
        string? replyTo = null, string? patchId = null, string[]? trailers = null, int? minor = null,
        bool counters = true, bool resend = false, bool fix = false, string? changeId = null, string[]? files = null,
        string? stableTree = null, string? name = null)
        => Add(new SeriesMail
        {
            MessageId = id, InReplyTo = replyTo, References = replyTo is null ? [] : [replyTo],
            FromName = name ?? NameOf(from), FromEmail = from, Date = Start.AddMinutes(at), Kind = SeriesMailKind.Patch,
            Title = title, Version = v ?? 1, VersionInferred = v is null, VersionMinor = minor,
            Index = index, Total = total, CountersInferred = !counters, HasDiff = true,
            PatchId = patchId ?? $"pid-{id}", Files = files ?? ["drivers/hwmon/demo.c"], Resend = resend, IsFix = fix, ChangeId = changeId,
            StableTree = stableTree,
            CommitTrailers = (trailers ?? []).Select(t => TrailerReader.Parse(t)!).ToList(),
        });

    public SeriesMail Reply(string id, string replyTo, string from = Rob, int at = 60, string[]? trailers = null,
        bool nak = false, AppliedNote? applied = null, bool withdraws = false, string? name = null)
        => Add(new SeriesMail
        {
            MessageId = id, InReplyTo = replyTo, References = [replyTo],
            FromName = name ?? NameOf(from), FromEmail = from, Date = Start.AddMinutes(at), Kind = SeriesMailKind.Reply,
            Title = "reply", SubjectIsReply = true,
            FollowupTrailers = (trailers ?? []).Select(t => TrailerReader.Parse(t)!).ToList(),
            Nak = nak, Applied = applied, Withdraws = withdraws,
        });

    SeriesMail Add(SeriesMail m)
    {
        Mails.Add(m);
        return m;
    }

    public IReadOnlyList<Topic> Build(IEnumerable<SeriesMail>? order = null, DateTimeOffset? asOf = null)
    {
        var assembler = new SeriesAssembler(Rules);
        foreach (var m in order ?? Mails)
            assembler.Add(m);
        return assembler.Build(asOf);
    }

    public static Topic Single(IReadOnlyList<Topic> topics)
    {
        Assert.Single(topics);
        return topics[0];
    }

    public static SeriesPatch PatchAt(SeriesRevision r, int index) => r.Patches.Single(p => p.Index == index);

    public static ReviewState State(SeriesRevision r, int index) => ReviewStates.Of(PatchAt(r, index), r, Policy);
}
