using System.Globalization;
using System.Net;
using System.Text;
using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Digest;

/// <summary>
/// Writes a digest as plain text (first: read in mutt at 72 columns) and as HTML. Subsystems in
/// name order; within one, fixes first (the costliest debt), then the oldest waiter first.
/// </summary>
public static class DigestComposer
{
    public const int Width = 72;

    public static string Subject(DigestContent content)
    {
        var n = content.SeriesCount;
        var names = Ordered(content).Select(s => s.Name).ToList();
        var where = names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
        return $"[ReviewQueue] {Counted.Of(n, "series waits", "series wait")} for review: {where}";
    }

    public static string PlainText(DigestContent content, DigestLinks links)
    {
        var text = new StringBuilder();
        var n = content.SeriesCount;
        Wrap(text, $"{Counted.Of(n, "series waits", "series wait")} for review in the subsystems you follow " +
            $"({content.Period}). Fixes first, then the longest waiting.", "", "");
        foreach (var subsystem in Ordered(content))
        {
            text.Append('\n');
            var heading = $"{subsystem.Name} ({subsystem.Series.Count})";
            Wrap(text, heading, "", "");
            text.Append('=', Math.Min(Width, heading.Length)).Append('\n');
            foreach (var series in subsystem.Series)
            {
                text.Append('\n');
                var title = (series.Fix ? "[FIX] " : "") + series.Title;
                Wrap(text, title, "", "  ");
                Wrap(text, Summary(series), "  ", "  ");
                Wrap(text, [series.Author], "  Author:    ", "             ");
                if (series.SuggestedReviewers.Count > 0)
                    Wrap(text, People(series.SuggestedReviewers, Width - "             ".Length), "  Reviewers: ", "             ");
                if (AlsoIn(series, subsystem.Name) is { Count: > 0 } also)
                    Wrap(text, Listed(also, Width - "             ".Length), "  Also in:   ", "             ");
                if (links.Mail(series.MessageId) is { } mail)
                    Line(text, "  Mail:      " + mail);
                Line(text, "  Dashboard: " + links.Series(series.TopicId));
            }
        }
        text.Append("\n-- \n");
        Wrap(text, $"ReviewQueue sends this digest to {content.Recipient}. To stop it, open or POST to:", "", "");
        Line(text, links.Unsubscribe);
        return text.ToString();
    }

    public static string Html(DigestContent content, DigestLinks links)
    {
        var html = new StringBuilder();
        var n = content.SeriesCount;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(Subject(content))).Append("</title>\n</head>\n<body>\n");
        html.Append("<p>").Append(Counted.Of(n, "series waits", "series wait"))
            .Append(" for review in the subsystems you follow (").Append(E(content.Period)).Append(").\nFixes first, then the longest waiting.</p>\n");
        foreach (var subsystem in Ordered(content))
        {
            html.Append("<h2>").Append(E(subsystem.Name)).Append(" (").Append(subsystem.Series.Count).Append(")</h2>\n<ul>\n");
            foreach (var series in subsystem.Series)
            {
                html.Append("<li>");
                if (series.Fix)
                    html.Append("<strong>[FIX]</strong> ");
                html.Append("<a href=\"").Append(E(links.Series(series.TopicId))).Append("\">").Append(E(series.Title)).Append("</a><br>\n")
                    .Append(E(Summary(series))).Append("<br>\n")
                    .Append("Author: ").Append(E(series.Author)).Append("<br>\n");
                if (series.SuggestedReviewers.Count > 0)
                    html.Append("Reviewers: ").Append(E(string.Join(", ", series.SuggestedReviewers))).Append("<br>\n");
                if (AlsoIn(series, subsystem.Name) is { Count: > 0 } also)
                    html.Append("Also in: ").Append(E(string.Join(", ", also))).Append("<br>\n");
                if (links.Mail(series.MessageId) is { } mail)
                    html.Append("<a href=\"").Append(E(mail)).Append("\">Mail in the archive</a>");
                html.Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("<hr>\n<p>ReviewQueue sends this digest to ").Append(E(content.Recipient))
            .Append(". <a href=\"").Append(E(links.Unsubscribe)).Append("\">Unsubscribe</a></p>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Subsystems by name; in each, fixes first, then oldest first, then title.</summary>
    public static IReadOnlyList<DigestSubsystem> Ordered(DigestContent content) =>
        content.Subsystems
            .Where(s => s.Series.Count > 0)
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => s with
            {
                Series = s.Series.OrderByDescending(x => x.Fix).ThenByDescending(x => x.Age)
                    .ThenBy(x => x.Title, StringComparer.Ordinal).ToList(),
            })
            .ToList();

    /// <summary>
    /// The other sections a series waits in than the one it is listed under (a digest lists it once). THE REST is left
    /// out beside a real section: every file is in it (F: *), so naming it says nothing.
    /// </summary>
    static List<string> AlsoIn(DigestSeries series, string listedUnder) =>
        (series.Subsystems ?? []).Where(n => n != listedUnder && n != Section.TheRest).ToList();

    static string Summary(DigestSeries s) =>
        $"{s.VersionLabel}, waiting {AgeText(s.Age)}, {s.Reviewed} of {Counted.Of(s.Total, "patch", "patches")} reviewed";

    public static string AgeText(TimeSpan age)
    {
        if (age < TimeSpan.FromHours(1))
            return "under an hour";
        if (age < TimeSpan.FromDays(2))
        {
            var hours = (int)age.TotalHours;
            return Counted.Of(hours, "hour", "hours");
        }
        return ((int)age.TotalDays).ToString(CultureInfo.InvariantCulture) + " days";
    }

    static string E(string s) => WebUtility.HtmlEncode(s);

    static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>Wraps at word boundaries to <see cref="Width"/>; a word longer than a line (a URL) stays whole.</summary>
    static void Wrap(StringBuilder text, string value, string first, string rest) =>
        Wrap(text, value.Split(' ', StringSplitOptions.RemoveEmptyEntries), first, rest);

    /// <summary>
    /// A list of people as units to wrap: "Name &lt;addr&gt;," each, so no line ends inside a person. One longer than
    /// <paramref name="room"/> (MAINTAINERS has "Broadcom internal kernel review list &lt;bcm-kernel-feedback-list@…&gt;")
    /// is two units, its name and its address, so the line breaks between them rather than running past 72 columns.
    /// </summary>
    static IEnumerable<string> People(IReadOnlyList<string> people, int room) =>
        people.SelectMany((p, i) =>
        {
            var unit = i < people.Count - 1 ? p.Trim() + "," : p.Trim();
            var at = unit.LastIndexOf(" <", StringComparison.Ordinal);
            return unit.Length <= room || at <= 0 ? [unit] : new[] { unit[..at].TrimEnd(), unit[(at + 1)..] };
        });

    /// <summary>Section names as units to wrap, "NAME," each; one longer than <paramref name="room"/> breaks between its words.</summary>
    static IEnumerable<string> Listed(IReadOnlyList<string> names, int room) =>
        names.SelectMany((n, i) =>
        {
            var unit = i < names.Count - 1 ? n + "," : n;
            return unit.Length <= room ? [unit] : unit.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        });

    /// <summary>Wraps units (words, or whole people) to <see cref="Width"/>; a unit longer than a line stays whole.</summary>
    static void Wrap(StringBuilder text, IEnumerable<string> units, string first, string rest)
    {
        var line = new StringBuilder(first);
        int prefix = first.Length;
        foreach (var word in units)
        {
            if (line.Length > prefix && line.Length + 1 + word.Length > Width)
            {
                Line(text, line.ToString());
                line.Clear().Append(rest);
                prefix = rest.Length;
            }
            if (line.Length > prefix)
                line.Append(' ');
            line.Append(word);
        }
        Line(text, line.ToString());
    }
}
