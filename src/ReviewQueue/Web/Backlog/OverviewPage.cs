using System.Text;
using ReviewQueue.Core;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using static ReviewQueue.Web.Html;

namespace ReviewQueue.Web.Backlog;

/// <summary>The overview: every subsystem sorted by debt, and the debt over time.</summary>
public static class OverviewPage
{
    public static string Render(BacklogView view, IReadOnlyList<DebtDay> history, DateOnly? asOf, SiteLinks links)
    {
        var t = view.Total;
        var s = new StringBuilder();
        s.Append("<h1>Review debt by subsystem</h1>");
        s.Append(view.AsOf is { } at
                ? $"<p class=\"sub\">As of {E(DateTime(at))} ({(view.Computed == "events" ? "recomputed from the ledger's events" : "as last computed")}). "
                : "<p class=\"sub\">No review debt measured yet. ")
            .Append("Worst first: unreviewed fixes, then patch-days of waiting").Append(E(DebtText.RestLast(view))).Append(".</p>");
        s.Append("<form class=\"asof\" method=\"get\" action=\"").Append(E(links.Home)).Append("\"><label>As of a past day: <input type=\"date\" name=\"as_of\" value=\"")
            .Append(E(asOf?.ToString("yyyy-MM-dd"))).Append("\"></label> <button type=\"submit\">Show</button>")
            .Append(asOf is null ? "" : $" <a href=\"{E(links.Home)}\">now</a>").Append("</form>");
        s.Append("<div class=\"cards\">")
            .Append(Card(t.OpenSeries, "open series waiting"))
            .Append(Card(t.WaitingPatches, Counted.Noun(t.WaitingPatches, "unreviewed patch", "unreviewed patches")))
            .Append(Card(t.WaitingFixes, Counted.Noun(t.WaitingFixes, "unreviewed fix", "unreviewed fixes")))
            .Append(Card(Num(t.PatchDays), Num(t.PatchDays) == "1" ? "patch-day waiting" : "patch-days waiting"))
            .Append(Card(t.StaleSeries, "stale series"))
            .Append(Card(t.FirstReview.MedianHours is { } m ? Num(m) + " h" : "–", "median time to first review"))
            .Append("</div>");
        s.Append("<h2>Debt over time</h2>").Append(DebtChart.Svg(history, "Review debt per day, all subsystems", asOf));
        s.Append("<h2>Subsystems</h2>");
        if (view.Subsystems.Count == 0)
        {
            s.Append("<p class=\"muted\">No series in the ledger yet. Import mail with <code>reviewqueue import</code>.</p>");
            return Page("Review debt", s.ToString(), links);
        }
        s.Append("<table class=\"debt\"><thead><tr><th class=\"n\">#</th><th>subsystem</th><th class=\"n\">open series</th><th class=\"n\">waiting patches</th>")
            .Append("<th class=\"n\">unreviewed fixes</th><th class=\"n\">patch-days</th><th>oldest waiter</th><th class=\"n\">stale</th>")
            .Append("<th class=\"n\">first review median / p90</th><th class=\"n\">reviewed before accept</th></tr></thead><tbody>");
        int rank = 0;
        foreach (var d in view.Subsystems)
        {
            var href = links.Subsystem(d.Name) + (asOf is null ? "" : "?as_of=" + asOf.Value.ToString("yyyy-MM-dd"));
            s.Append("<tr><td class=\"n\">").Append(++rank).Append("</td><td><a href=\"").Append(E(href)).Append("\">").Append(E(d.Name)).Append("</a></td>")
                .Append("<td>").Append(d.OpenSeries).Append("</td><td>").Append(d.WaitingPatches).Append("</td>")
                .Append("<td>").Append(d.WaitingFixes > 0 ? $"<span class=\"fix\">{d.WaitingFixes}</span>" : "0").Append("</td>")
                .Append("<td>").Append(Num(d.PatchDays)).Append("</td><td class=\"small\">");
            if (d.Oldest is { } o)
                s.Append("<a href=\"").Append(E(links.Series(o.TopicId))).Append("\">").Append(E(o.Title)).Append("</a> <span class=\"muted\">")
                    .Append(Count(o.AgeDays, "day", "days")).Append("</span>");
            s.Append("</td><td>").Append(d.StaleSeries).Append("</td><td>").Append(E(Hours(d.FirstReview)))
                .Append("</td><td>").Append(E(DebtText.Share(d))).Append("</td></tr>");
        }
        s.Append("</tbody></table>");
        return Page("Review debt", s.ToString(), links);
    }

    // The figure and its unit joined by a no-break space: a narrow column breaks between the two halves, not inside one.
    public static string Hours(Durations d) => d.Samples == 0 ? "–" : $"{Num(d.MedianHours!.Value)}\u00a0h / {Num(d.P90Hours!.Value)}\u00a0h";

    static string Card(object value, string label) => $"<div class=\"card\"><b>{E(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))}</b><span>{E(label)}</span></div>";
}
