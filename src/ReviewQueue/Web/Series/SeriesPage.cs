using System.Text;
using ReviewQueue.Core.Mail;
using ReviewQueue.Series;
using static ReviewQueue.Web.Html;

namespace ReviewQueue.Web.Series;

/// <summary>One topic: every revision, each patch's trailers with who gave them and where, its state history and acceptance.</summary>
public static class SeriesPage
{
    public static string Render(TopicView t, ListArchive archive, SiteLinks links)
    {
        var s = new StringBuilder();
        s.Append("<p class=\"small\"><a href=\"").Append(E(links.Home)).Append("\">All subsystems</a></p>");
        s.Append("<h1>").Append(E(t.Title)).Append("</h1>");
        s.Append("<p class=\"sub\">Topic ").Append(E(t.Id)).Append(" by ").Append(E(t.Author.Name ?? t.Author.Email))
            .Append(t.Author.Email is null ? "" : $" <span class=\"muted\">&lt;{E(t.Author.Email)}&gt;</span>")
            .Append(", first posted ").Append(E(DateTime(t.FirstPosted))).Append(", last activity ").Append(E(DateTime(t.LastActivity)))
            .Append(". Now <span class=\"state ").Append(E(t.State)).Append("\">").Append(E(t.State)).Append("</span>")
            .Append($", {t.Reviewed} of {Count(t.Patches, "patch", "patches")} reviewed").Append(t.Fix ? " <span class=\"fix\">fix</span>" : "").Append(".</p>");

        Apply(s, t, links);

        s.Append("<h2>State history</h2><table><thead><tr><th>when</th><th>what</th></tr></thead><tbody>");
        foreach (var (when, what) in History(t))
            s.Append("<tr><td class=\"small\">").Append(E(DateTime(when))).Append("</td><td>").Append(what).Append("</td></tr>");
        s.Append("</tbody></table>");

        s.Append("<h2>Revisions</h2>");
        foreach (var r in t.Revisions.AsEnumerable().Reverse())
        {
            s.Append("<div class=\"rev\"><b>").Append(E(r.VersionLabel)).Append("</b> ").Append(E(r.Title))
                .Append(" <span class=\"state ").Append(E(r.State)).Append("\">").Append(E(r.State)).Append("</span>")
                .Append("<div class=\"small muted\">posted ").Append(E(DateTime(r.Posted))).Append(" by ").Append(E(r.Author.Name ?? r.Author.Email))
                .Append($", {r.Patches.Count} of {Count(r.Total, "patch", "patches")}").Append(r.Complete ? "" : $" (missing {E(string.Join(", ", r.Missing))})")
                .Append(", linked by ").Append(E(r.LinkedBy));
            if (r.StableTree is { } tree)
                s.Append(", a backport to ").Append(E(tree));
            if (r.CoverMessageId is not null)
                s.Append(", ").Append(MailLink(archive, r.CoverMessageId, "cover letter"));
            if (r.BaseCommit is not null)
                s.Append(", base ").Append(E(r.BaseCommit[..Math.Min(12, r.BaseCommit.Length)]));
            s.Append("</div>");
            if (r.CoverTrailers.Count > 0)
                s.Append("<div class=\"small\">On the cover letter:</div>").Append(Trailers(r.CoverTrailers, archive));
            s.Append("<table><thead><tr><th class=\"n\">#</th><th>patch</th><th>state</th><th>trailers (who, where)</th><th>merge / apply</th></tr></thead><tbody>");
            foreach (var p in r.Patches)
            {
                s.Append("<tr><td class=\"n\">").Append(p.Index).Append('/').Append(p.Total).Append("</td><td>")
                    .Append(MailLink(archive, p.MessageId, E(p.Title)))
                    .Append(p.Fix ? " <span class=\"fix\">fix</span>" : "")
                    .Append(p.TakenFromRevision is null ? "" : $" <span class=\"muted small\">(from {E(p.TakenFromRevision)})</span>")
                    .Append("<div class=\"small muted\">").Append(E(string.Join(", ", p.Files))).Append("</div></td>")
                    .Append("<td><span class=\"state ").Append(E(p.State)).Append("\">").Append(E(p.State)).Append("</span>")
                    .Append(p.Replies > 0 ? $"<div class=\"small muted\">{Count(p.Replies, "reply", "replies")}</div>" : "").Append("</td><td>")
                    .Append(p.Trailers.Count == 0 ? "<span class=\"muted small\">none</span>" : Trailers(p.Trailers, archive)).Append("</td><td class=\"small\">");
                if (p.Accepted is { } a)
                    s.Append(E(a.How)).Append(a.Tree is null ? "" : $" to {E(a.Tree)}").Append(a.Commit is null ? "" : $" as {E(a.Commit[..Math.Min(12, a.Commit.Length)])}")
                        .Append(", ").Append(E(Date(a.Date)));
                else
                    s.Append("<span class=\"muted\">not applied; apply check not run</span>");
                s.Append("</td></tr>");
            }
            s.Append("</tbody></table></div>");
        }
        return Page(t.Title, s.ToString(), links);
    }

    /// <summary>How to take the newest revision: its Message-ID (the cover letter's, else the first patch's) and the commands, to copy.</summary>
    static void Apply(StringBuilder s, TopicView t, SiteLinks links)
    {
        var r = t.Revisions[^1];
        var messageId = r.CoverMessageId ?? r.Patches.OrderBy(p => p.Index).FirstOrDefault()?.MessageId;
        s.Append("<h2>Apply</h2><p class=\"small\">").Append(E(r.VersionLabel)).Append(r.CoverMessageId is null ? ", first patch" : ", cover letter");
        if (messageId is not null)
            s.Append(": Message-ID <code>").Append(E(messageId)).Append("</code>");
        s.Append(". The collected trailers are added by either command; <a href=\"").Append(E(links.ApiSeries(t.Id)))
            .Append("\">this topic as JSON</a> (as <code>reviewqueue show --json</code>).</p><pre>");
        if (messageId is not null)
            s.Append("b4 am ").Append(E(Shell(messageId))).Append('\n');
        s.Append("reviewqueue am ").Append(E(Shell(t.Id))).Append("</pre>");
    }

    /// <summary>A word a shell reads as it is: quoted when it holds anything but letters, digits and @._+=:,-/.</summary>
    static string Shell(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "@._+=:,-/".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    static string Trailers(IReadOnlyList<TrailerView> trailers, ListArchive archive)
    {
        var s = new StringBuilder("<ul class=\"trailers\">");
        foreach (var tr in trailers)
            s.Append("<li><b>").Append(E(tr.Name)).Append("</b>: ").Append(E(tr.Person))
                .Append(tr.Email is null ? "" : $" &lt;{E(tr.Email)}&gt;")
                .Append(" <span class=\"muted\">").Append(E(tr.AppliesVia)).Append(", ").Append(E(Date(tr.Date)))
                .Append(tr.IdentityOk ? "" : ", from/email mismatch").Append(tr.CountsAsReview ? "" : ", does not count").Append("</span> ")
                .Append(MailLink(archive, tr.GivenIn)).Append("</li>");
        return s.Append("</ul>").ToString();
    }

    /// <summary>What happened to the topic, oldest first (each line already HTML).</summary>
    static IEnumerable<(DateTimeOffset When, string What)> History(TopicView t)
    {
        var lines = new List<(DateTimeOffset, string)>();
        foreach (var r in t.Revisions)
        {
            lines.Add((r.Posted, $"{E(r.VersionLabel)} posted ({Count(r.Total, "patch", "patches")})"));
            if (r.FirstReview is { } f)
                lines.Add((f, $"{E(r.VersionLabel)} first reviewed"));
            foreach (var p in r.Patches.Where(p => p.TakenFromRevision is null))
                foreach (var tr in p.Trailers.Where(x => x.AppliesVia is "patch" && x.CountsAsReview))
                    lines.Add((tr.Date, $"{E(tr.Name)} from {E(tr.Person)} on {E(r.VersionLabel)} {p.Index}/{p.Total}"));
            foreach (var tr in r.CoverTrailers.Where(x => x.CountsAsReview))
                lines.Add((tr.Date, $"{E(tr.Name)} from {E(tr.Person)} on the whole of {E(r.VersionLabel)}"));
            if (r.SupersededAt is { } sup)
                lines.Add((sup, $"{E(r.VersionLabel)} superseded"));
            if (r.WithdrawnAt is { } w)
                lines.Add((w, $"{E(r.VersionLabel)} withdrawn by its author"));
            if (r.Accepted is { } a)
                lines.Add((a.Date, $"{E(r.VersionLabel)} accepted ({E(a.How)}{(a.Tree is null ? "" : " to " + E(a.Tree))})"));
        }
        return lines.OrderBy(l => l.Item1);
    }
}
