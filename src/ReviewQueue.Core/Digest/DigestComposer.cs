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
        // Where most wait first: by name alone, a subscriber to every section of hwmon was told of three drivers with one
        // series each, and not of HARDWARE MONITORING, where 46 waited. THE REST last, as it says least of where they wait.
        var names = Ordered(content).OrderBy(s => s.Name == Section.TheRest).ThenByDescending(s => s.Series.Count)
            .Select(s => s.Name).ToList();
        var where = names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
        return $"[ReviewQueue] {Counted.Of(n, "series waits", "series wait")} for review: {where}";
    }

    public static string PlainText(DigestContent content, DigestLinks links)
    {
        var text = new StringBuilder();
        var sections = Sections(content);
        Wrap(text, Opening(content, sections, content.Period), "", "");
        foreach (var section in sections)
        {
            text.Append('\n');
            var heading = $"{section.Name} ({Count(section)})";
            Wrap(text, heading, "", "");
            text.Append('=', Math.Min(Width, heading.Length)).Append('\n');
            foreach (var series in section.Shown)
            {
                text.Append('\n');
                var title = (series.Fix ? "[FIX] " : "") + series.Title;
                Wrap(text, title, "", "  ");
                Wrap(text, Summary(series), "  ", "  ");
                Wrap(text, [series.Author], "  Author:    ", "             ");
                if (series.SuggestedReviewers.Count > 0)
                    Wrap(text, People(series.SuggestedReviewers, Width - "             ".Length), "  Reviewers: ", "             ");
                if (AlsoIn(series, section.Name) is { Count: > 0 } also)
                    Wrap(text, Listed(also, Width - "             ".Length), "  Also in:   ", "             ");
                if (links.Mail(series.MessageId) is { } mail)
                    Line(text, "  Mail:      " + mail);
                Line(text, "  Dashboard: " + links.Series(series.TopicId));
            }
            if (section.NotShown > 0)
            {
                text.Append('\n');
                // The link on a line of its own, as the unsubscribe link: whole for a terminal's or urlview's link finder.
                Wrap(text, More(section) + ":", "", "");
                Line(text, links.Subsystem(section.Name));
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
        var sections = Sections(content);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(Subject(content))).Append("</title>\n</head>\n<body>\n");
        html.Append("<p>").Append(E(Opening(content, sections, content.Period)).Replace(". Fixes first", ".\nFixes first", StringComparison.Ordinal))
            .Append("</p>\n");
        foreach (var section in sections)
        {
            html.Append("<h2>").Append(E(section.Name)).Append(" (").Append(Count(section)).Append(")</h2>\n");
            if (section.Shown.Count > 0)
                html.Append("<ul>\n");
            foreach (var series in section.Shown)
            {
                html.Append("<li>");
                if (series.Fix)
                    html.Append("<strong>[FIX]</strong> ");
                html.Append("<a href=\"").Append(E(links.Series(series.TopicId))).Append("\">").Append(E(series.Title)).Append("</a><br>\n")
                    .Append(E(Summary(series))).Append("<br>\n")
                    .Append("Author: ").Append(E(series.Author)).Append("<br>\n");
                if (series.SuggestedReviewers.Count > 0)
                    html.Append("Reviewers: ").Append(E(string.Join(", ", series.SuggestedReviewers))).Append("<br>\n");
                if (AlsoIn(series, section.Name) is { Count: > 0 } also)
                    html.Append("Also in: ").Append(E(string.Join(", ", also))).Append("<br>\n");
                if (links.Mail(series.MessageId) is { } mail)
                    html.Append("<a href=\"").Append(E(mail)).Append("\">Mail in the archive</a>");
                html.Append("</li>\n");
            }
            if (section.Shown.Count > 0)
                html.Append("</ul>\n");
            if (section.NotShown > 0)
            {
                var page = E(links.Subsystem(section.Name));
                html.Append("<p>").Append(E(More(section))).Append(": <a href=\"").Append(page).Append("\">").Append(page).Append("</a></p>\n");
            }
        }
        html.Append("<hr>\n<p>ReviewQueue sends this digest to ").Append(E(content.Recipient))
            .Append(". <a href=\"").Append(E(links.Unsubscribe)).Append("\">Unsubscribe</a></p>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The first paragraph: how many wait, and when some are left out, how many are shown and why.</summary>
    static string Opening(DigestContent content, IReadOnlyList<DigestSection> sections, string period)
    {
        var n = content.SeriesCount;
        var opening = $"{Counted.Of(n, "series waits", "series wait")} for review in the subsystems you follow ({period}). " +
            "Fixes first, then the longest waiting.";
        var shown = sections.SelectMany(s => s.Shown).Select(s => s.TopicId).Distinct(StringComparer.Ordinal).Count();
        if (shown == n)
            return opening;
        // Name the bounds that left series out, not the ones that did not.
        var bound = content.Bound;
        var perSection = sections.Any(s => s.Waiting > bound.PerSection);
        var inAll = sections.Sum(s => (long)Math.Min(s.Waiting, bound.PerSection)) > bound.InAll;
        var limits = !inAll ? $"at most {bound.PerSection} per section"
            : !perSection ? $"at most {bound.InAll} in all"
            : $"at most {bound.PerSection} per section and {bound.InAll} in all";
        return opening + $" {shown} of them are shown here ({limits}); each section links to its full list on the dashboard.";
    }

    /// <summary>"3": all shown; "3000 waiting, 20 shown": the heading's count stays the section's whole count.</summary>
    static string Count(DigestSection section) =>
        section.NotShown == 0
            ? section.Waiting.ToString(CultureInfo.InvariantCulture)
            : $"{section.Waiting.ToString(CultureInfo.InvariantCulture)} waiting, {section.Shown.Count.ToString(CultureInfo.InvariantCulture)} shown";

    /// <summary>
    /// "...and 26 more waiting in S", before the link to S's page; where that page lists more than the digest has under S
    /// (series listed here under another section, or too young), how many, so the reader knows what the link shows.
    /// </summary>
    static string More(DigestSection section) =>
        (section.Shown.Count > 0
            ? $"...and {section.NotShown.ToString(CultureInfo.InvariantCulture)} more waiting in {section.Name}"
            : $"{section.NotShown.ToString(CultureInfo.InvariantCulture)} waiting in {section.Name}") +
        (section.OnPage > section.Waiting ? $" (its page lists all {section.OnPage.ToString(CultureInfo.InvariantCulture)} waiting there)" : "");

    /// <summary>
    /// The sections as shown: in each the first <see cref="DigestBound.PerSection"/> of <see cref="Ordered"/>, and of those
    /// the first <see cref="DigestBound.InAll"/> across the digest in the same order (fixes, then the oldest), so a fix in a
    /// section late in the alphabet is not left out for an old feature in an early one. Every section keeps its heading.
    /// </summary>
    public static IReadOnlyList<DigestSection> Sections(DigestContent content)
    {
        var ordered = Ordered(content);
        var kept = ordered
            .SelectMany((s, si) => s.Series.Take(content.Bound.PerSection).Select((x, i) => (Section: si, Index: i, Series: x)))
            .OrderByDescending(p => p.Series.Fix).ThenByDescending(p => p.Series.Age)
            .ThenBy(p => p.Series.Title, StringComparer.Ordinal).ThenBy(p => p.Section)
            .Take(content.Bound.InAll)
            .Select(p => (p.Section, p.Index))
            .ToHashSet();
        return ordered.Select((s, si) => new DigestSection(s.Name, s.Series.Count,
            s.Series.Where((_, i) => kept.Contains((si, i))).ToList(), s.OnPage ?? s.Series.Count)).ToList();
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
