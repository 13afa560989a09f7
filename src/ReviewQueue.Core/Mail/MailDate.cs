using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit.Utils;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// Reads a Date as MimeKit does, except where git's parse_date (what git am records as the author date) reads it
/// otherwise and MimeKit would be off by hours: a zone given by a name MimeKit does not know ("CEST", "(CET)", read
/// as +0000), an offset written with a colon ("+02:00", read as +0000), a military letter other than Z (RFC 822's
/// signs, which RFC 5322 says not to trust; git takes +0000) and ISO 8601 ("2024-07-02T10:00:00+02:00", unread).
/// </summary>
public static partial class MailDate
{
    /// <summary>git's timezone_names (date.c): hours east of UTC, and an hour more for summer time.</summary>
    static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IDLW"] = -12 * 60, ["NT"] = -11 * 60, ["CAT"] = -10 * 60, ["HST"] = -10 * 60, ["HDT"] = -9 * 60,
        ["YST"] = -9 * 60, ["YDT"] = -8 * 60, ["PST"] = -8 * 60, ["PDT"] = -7 * 60, ["MST"] = -7 * 60, ["MDT"] = -6 * 60,
        ["CST"] = -6 * 60, ["CDT"] = -5 * 60, ["EST"] = -5 * 60, ["EDT"] = -4 * 60, ["AST"] = -3 * 60, ["ADT"] = -2 * 60,
        ["WAT"] = -1 * 60, ["GMT"] = 0, ["UTC"] = 0, ["UT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 60, ["CET"] = 60,
        ["MET"] = 60, ["MEWT"] = 60, ["MEST"] = 120, ["CEST"] = 120, ["MESZ"] = 120, ["FWT"] = 60, ["FST"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["WAST"] = 7 * 60, ["WADT"] = 8 * 60, ["CCT"] = 8 * 60, ["JST"] = 9 * 60,
        ["EAST"] = 10 * 60, ["EADT"] = 11 * 60, ["GST"] = 10 * 60, ["NZT"] = 12 * 60, ["NZST"] = 12 * 60,
        ["NZDT"] = 13 * 60, ["IDLE"] = 12 * 60,
    };

    public static bool TryParse(string? text, out DateTimeOffset date)
    {
        date = default;
        if (text is null)
            return false;
        // Nearly every mail's Date ends in a numeric zone ("+0200", "+0200 (CEST)"), which MimeKit reads as git does:
        // the patterns below are only for the rest, and cost more than the parse on every mail of an import.
        if (EndsInNumericZone(text))
            return DateUtils.TryParse(text, out date);
        if (IsoForm().IsMatch(text))
            return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
        return DateUtils.TryParse(Numeric(text), out date);
    }

    /// <summary>"… hh:mm:ss +hhmm", a comment after it or not.</summary>
    static bool EndsInNumericZone(string text)
    {
        var t = text.AsSpan().TrimEnd();
        if (t.Length > 0 && t[^1] == ')' && t.LastIndexOf('(') is var open and > 0)
            t = t[..open].TrimEnd();
        return t.Length > 8 && t[^5] is '+' or '-' && char.IsAsciiDigit(t[^4]) && char.IsAsciiDigit(t[^3]) && char.IsAsciiDigit(t[^2])
            && char.IsAsciiDigit(t[^1]) && t[^6] is ' ' or '\t' && char.IsAsciiDigit(t[^7]) && t[^9] == ':';
    }

    /// <summary>The text with a zone after the time written as git reads it, as a +hhmm offset MimeKit reads alike.</summary>
    static string Numeric(string text)
    {
        if (ColonOffset().Match(text) is { Success: true } colon)
            return text[..colon.Index] + " " + colon.Groups[1].Value + colon.Groups[2].Value + colon.Groups[3].Value;
        if (NamedZone().Match(text) is { Success: true } named)
        {
            var name = named.Groups[1].Value;
            int? minutes = Zones.TryGetValue(name, out var m) ? m : name.Length == 1 ? 0 : null;
            if (minutes is { } offset)
                return text[..named.Index] + " " + (offset < 0 ? "-" : "+") + Math.Abs(offset / 60).ToString("00", CultureInfo.InvariantCulture)
                    + Math.Abs(offset % 60).ToString("00", CultureInfo.InvariantCulture);
        }
        return text;
    }

    // A zone after the time and nothing but a comment after it: "10:00:00 +02:00", "10:00:00 +02:00 (CEST)".
    [GeneratedRegex(@"(?<=\d:\d\d(?::\d\d)?)\s+([+-])(\d\d):(\d\d)\s*(?:\([^()]*\)\s*)?$")]
    private static partial Regex ColonOffset();

    // A named zone right after the time, bare or in parentheses, with no numeric one: "10:00:00 CEST", "10:00:00 (CET)".
    [GeneratedRegex(@"(?<=\d:\d\d(?::\d\d)?)\s+\(?([A-Za-z]{1,4})\)?\s*$")]
    private static partial Regex NamedZone();

    [GeneratedRegex(@"^\s*\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?\s*$")]
    private static partial Regex IsoForm();
}
