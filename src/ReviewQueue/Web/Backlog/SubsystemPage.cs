using System.Text;
using ReviewQueue.Core.Mail;
using ReviewQueue.Debt;
using static ReviewQueue.Web.Html;

namespace ReviewQueue.Web.Backlog;

/// <summary>One subsystem: its debt, its trend and its waiting series, fixes first, then oldest first.</summary>
public static class SubsystemPage
{
    /// <param name="asOf">The past day shown, or null for now: the way back to all subsystems stays on it.</param>
    public static string Render(string name, BacklogView view, IReadOnlyList<DebtDay> history, ListArchive archive, DateOnly? asOf, SiteLinks links)
    {
        var d = view.Subsystems[0];
        var s = new StringBuilder();
        s.Append("<p class=\"small\"><a href=\"").Append(E(links.Home)).Append(asOf is { } day ? "?as_of=" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")
            .Append("\">All subsystems</a></p>");
        s.Append("<h1>").Append(E(name)).Append("</h1>");
        s.Append($"<p class=\"sub\">As of {E(view.AsOf is { } at ? DateTime(at) : "–")}: {d.OpenSeries} open series with {Count(d.WaitingPatches, "unreviewed patch", "unreviewed patches")}")
            .Append(d.WaitingFixes > 0 ? $", <span class=\"fix\">{Count(d.WaitingFixes, "unreviewed fix", "unreviewed fixes")}</span>" : "")
            .Append($", {Count(d.PatchDays, "patch-day", "patch-days")}; first review median / p90 {E(OverviewPage.Hours(d.FirstReview))}")
            .Append(d.ReviewedBeforeAcceptShare is null ? "" : $"; {E(DebtText.Share(d))} accepted series reviewed first").Append(".</p>");
        s.Append("<h2>Debt over time</h2>").Append(DebtChart.Svg(history, $"Review debt per day in {name}", asOf));
        s.Append("<h2>Waiting series</h2>");
        var waiting = view.Waiting ?? [];
        if (waiting.Count == 0)
        {
            s.Append("<p class=\"muted\">Nothing waits for review here.</p>");
            return Page(name, s.ToString(), links);
        }
        s.Append("<table><thead><tr><th class=\"n\">age (days)</th><th>rev</th><th class=\"n\">reviewed</th><th>state</th><th>author</th>")
            .Append("<th>series</th><th>suggested reviewers</th><th>mail</th></tr></thead><tbody>");
        foreach (var w in waiting)
        {
            s.Append("<tr><td class=\"n\">").Append(Num(w.AgeDays)).Append("</td><td>").Append(E(w.Version)).Append("</td>")
                .Append("<td class=\"n\">").Append(w.ReviewedPatches).Append('/').Append(w.Patches).Append("</td><td>")
                .Append(w.WaitingFixes > 0 ? "<span class=\"fix\">fix</span> " : "")
                .Append("<span class=\"state ").Append(E(w.State)).Append("\">").Append(E(w.State)).Append("</span>")
                .Append(w.Stale ? " <span class=\"stale\">stale</span>" : "").Append("</td>")
                .Append("<td>").Append(E(w.AuthorName ?? w.AuthorEmail)).Append("</td>")
                .Append("<td><a href=\"").Append(E(links.Series(w.TopicId))).Append("\">").Append(E(w.Title)).Append("</a></td>")
                .Append("<td class=\"small\">").Append(w.SuggestedReviewers.Count == 0 ? "<span class=\"muted\">none known</span>"
                    : string.Join("<br>", w.SuggestedReviewers.Select(E))).Append("</td>")
                .Append("<td class=\"small\">").Append(MailLink(archive, w.MessageId)).Append("</td></tr>");
        }
        s.Append("</tbody></table>");
        return Page(name, s.ToString(), links);
    }
}
