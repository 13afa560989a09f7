using System.Text;
using ReviewQueue.Core.Review;
using static ReviewQueue.Web.Html;

namespace ReviewQueue.Web.People;

/// <summary>Who reviews and who only submits: reviews given against reviews needed, per person and per mail domain.</summary>
public static class PeoplePage
{
    public static string Render(PeopleReport report, SiteLinks links)
    {
        var s = new StringBuilder();
        s.Append("<h1>People</h1>");
        s.Append($"<p class=\"sub\">{(report.AsOf is { } at ? $"As of {E(DateTime(at))}" : "No review debt measured yet")}. <b>Given</b>: review trailers given on others' patches; ")
            .Append("<b>needed</b>: patches of their own in the current revision of each topic; <b>balance</b> = given − needed. ")
            .Append("Lowest balance first. Bots are left out; a person's addresses are one person as the .mailmap says.</p>");
        s.Append("<h2>Per person</h2>").Append(Table(report.People, person: true));
        s.Append("<h2>Per mail domain</h2>").Append(Table(report.Domains, person: false));
        return Page("People", s.ToString(), links);
    }

    static string Table(IReadOnlyList<ReviewBalance> rows, bool person)
    {
        if (rows.Count == 0)
            return "<p class=\"muted\">Nobody yet.</p>";
        var s = new StringBuilder();
        s.Append("<table><thead><tr><th>").Append(person ? "person" : "domain").Append("</th><th class=\"n\">given</th><th class=\"n\">needed</th>")
            .Append("<th class=\"n\">received</th><th class=\"n\">balance</th><th class=\"n\">review time median / p90</th></tr></thead><tbody>");
        foreach (var p in rows)
        {
            s.Append("<tr><td>").Append(person && p.Name is not null ? $"{E(p.Name)} <span class=\"muted\">&lt;{E(p.Key)}&gt;</span>" : E(p.Key))
                .Append(p.MappedFrom.Count == 0 ? "" : $" <span class=\"muted\">(also {E(string.Join(", ", p.MappedFrom))})</span>")
                .Append("</td><td class=\"n\">").Append(p.Given).Append("</td><td class=\"n\">").Append(p.Needed)
                .Append("</td><td class=\"n\">").Append(p.Received).Append("</td><td class=\"n\">").Append(p.Balance > 0 ? "+" : "").Append(p.Balance)
                .Append("</td><td class=\"n\">").Append(E(Backlog.OverviewPage.Hours(p.ReviewTime))).Append("</td></tr>");
        }
        return s.Append("</tbody></table>").ToString();
    }
}
