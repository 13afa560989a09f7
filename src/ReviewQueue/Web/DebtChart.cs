using System.Globalization;
using System.Text;
using ReviewQueue.Debt;

namespace ReviewQueue.Web;

/// <summary>Debt over time as an inline SVG (no script, no external file): waiting patches, open series and unreviewed fixes per day.</summary>
public static class DebtChart
{
    const int Width = 960, Height = 220, Left = 48, Right = 12, Top = 12, Bottom = 28;
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="asOf">The past day the page shows (its history ends there), or null for today's page.</param>
    public static string Svg(IReadOnlyList<DebtDay> days, string label, DateOnly? asOf = null)
    {
        if (days.Count == 0)
            return "<p class=\"muted\">No history yet: it is computed from the ledger's events when the topics are rebuilt.</p>";
        // Whole-number grid lines: the top is four equal whole steps above the highest value.
        double step = Math.Max(1, Math.Ceiling(days.Max(d => Math.Max(d.WaitingPatches, d.OpenSeries)) / 4.0));
        double max = step * 4;
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double X(int i) => Left + (days.Count == 1 ? plotW / 2 : i * plotW / (days.Count - 1));
        double Y(double v) => Top + plotH - v / max * plotH;

        var s = new StringBuilder();
        s.Append($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.E(label)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        s.Append($"<title>{Html.E(label)}</title>");
        for (int g = 0; g <= 4; g++)
        {
            double v = max * g / 4, y = Y(v);
            s.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#e3e7ee\"/>");
            s.Append($"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6576\">{F0(v)}</text>");
        }
        Line(s, days, d => d.WaitingPatches, X, Y, "#2456a6");
        Line(s, days, d => d.OpenSeries, X, Y, "#7a8aa6");
        Line(s, days, d => d.WaitingFixes, X, Y, "#b3261e");
        foreach (var i in new[] { 0, days.Count / 2, days.Count - 1 }.Distinct())
            s.Append($"<text x=\"{F(X(i))}\" y=\"{Height - 8}\" font-size=\"11\" text-anchor=\"{(i == 0 ? "start" : i == days.Count - 1 ? "end" : "middle")}\" fill=\"#5b6576\">{Html.E(days[i].Day)}</text>");
        s.Append("</svg>");
        s.Append("<div class=\"legend\"><span><i class=\"sw\" style=\"background:#2456a6\"></i>waiting patches</span>")
            .Append("<span><i class=\"sw\" style=\"background:#7a8aa6\"></i>open series</span>")
            .Append("<span><i class=\"sw\" style=\"background:#b3261e\"></i>unreviewed fixes</span>")
            .Append($"<span class=\"muted\">{Html.Count(days.Count, "day", "days")}, {Html.E(days[0].Day)} to {Html.E(days[^1].Day)}; {(asOf is null ? "now" : "on " + Html.E(days[^1].Day))} {Html.Count(days[^1].WaitingPatches, "patch", "patches")} in {days[^1].OpenSeries} series</span></div>");
        return s.ToString();
    }

    static void Line(StringBuilder s, IReadOnlyList<DebtDay> days, Func<DebtDay, double> value, Func<int, double> x, Func<double, double> y, string color)
    {
        s.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.8\" points=\"");
        for (int i = 0; i < days.Count; i++)
            s.Append(F(x(i))).Append(',').Append(F(y(value(days[i])))).Append(' ');
        s.Append("\"/>");
    }

    static string F(double v) => v.ToString("0.#", Inv);
    static string F0(double v) => v.ToString("0", Inv);
}
