using System.Text;

namespace ReviewQueue.Series;

/// <summary>
/// A topic as plain text for a terminal (72 columns where it can). Days are UTC days, as in `series`, the dashboard
/// and the debt history: a patch sent on 2 July at 10:00 +1400 was posted on 1 July.
/// </summary>
public static class TopicText
{
    public static string Render(TopicView t)
    {
        var s = new StringBuilder();
        s.AppendLine($"{t.Title}");
        s.AppendLine($"  topic {t.Id}, by {t.Author.Name} <{t.Author.Email}>, first posted {Day(t.FirstPosted)}, {t.State}");
        foreach (var r in t.Revisions)
        {
            s.AppendLine();
            s.Append($"{r.VersionLabel}  {Day(r.Posted)}  {r.State}");
            if (r.StableTree is { } tree)
                s.Append($"  backport to {tree}");
            if (r.SupersededBy is not null)
                s.Append($" (by {r.SupersededBy})");
            if (!r.Complete)
                s.Append($"  missing {string.Join(",", r.Missing)}");
            s.AppendLine($"  [{r.LinkedBy}]");
            if (r.CoverMessageId is not null)
                s.AppendLine($"  0/{r.Total} cover <{r.CoverMessageId}>");
            foreach (var p in r.Patches)
            {
                s.AppendLine($"  {p.Index}/{p.Total} {p.State,-11} {p.Title}");
                s.AppendLine($"       <{p.MessageId}>{(p.Merged is { } m ? $"  merged in {m.Tree} {m.Branch} as {m.Commit} ({m.Evidence})" : p.Accepted is { } a ? $"  {a.How}{(a.Commit is { } c ? " " + c : "")}" : "")}");
                foreach (var tr in p.Trailers)
                    s.AppendLine($"       {tr.Name}: {tr.Person}{(tr.Email is null ? "" : $" <{tr.Email}>")}  ({tr.AppliesVia}{(tr.IdentityOk ? "" : ", from/email mismatch")})");
                if (p.Objection is { } o)
                    s.AppendLine($"       NAK by {o.By.Name ?? o.By.Email}{(o.By.Name is null || o.By.Email is null ? "" : $" <{o.By.Email}>")} {Day(o.Date)} in <{o.MessageId}>");
            }
        }
        return s.ToString();
    }

    static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
