using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>The set of mails being assembled, indexed by Message-ID, with their thread parents.</summary>
sealed class MailGraph
{
    public IReadOnlyList<SeriesMail> All { get; }
    readonly Dictionary<string, SeriesMail> byId;

    public MailGraph(IEnumerable<SeriesMail> mails)
    {
        // Date, then Message-ID: every later step walks this order, so arrival order never matters.
        All = mails.OrderBy(m => m.Date).ThenBy(m => m.MessageId, StringComparer.Ordinal).ToList();
        byId = new Dictionary<string, SeriesMail>(StringComparer.Ordinal);
        foreach (var m in All)
            byId.TryAdd(m.MessageId, m);
    }

    public SeriesMail? Get(string? id) => id is not null && byId.TryGetValue(id, out var m) ? m : null;

    /// <summary>In-Reply-To when we have it, else the nearest References entry we have.</summary>
    public SeriesMail? Parent(SeriesMail m)
    {
        var p = Get(m.InReplyTo);
        if (p is not null && p.MessageId != m.MessageId)
            return p;
        for (int i = m.References.Count - 1; i >= 0; i--)
        {
            var r = Get(m.References[i]);
            if (r is not null && r.MessageId != m.MessageId)
                return r;
        }
        return null;
    }

    /// <summary>Ancestors nearest first, stopping at cycles and at a sane depth.</summary>
    public IEnumerable<SeriesMail> Ancestors(SeriesMail m)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { m.MessageId };
        var p = Parent(m);
        for (int depth = 0; p is not null && depth < 200 && seen.Add(p.MessageId); depth++)
        {
            yield return p;
            p = Parent(p);
        }
    }

    /// <summary>
    /// A patch or cover letter that starts or belongs to a posting. A mail without a diff that
    /// answers another and carries trailers is a reply even without "Re:" (b4 does the same).
    /// </summary>
    public static bool IsPosting(SeriesMail m) =>
        m.IsPosting && !m.SubjectIsReply && !(!m.HasDiff && m.InReplyTo is not null && m.FollowupTrailers.Count > 0);
}
