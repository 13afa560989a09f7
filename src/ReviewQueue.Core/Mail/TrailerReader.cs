using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// Finds trailers (b4's rules, DOMAIN.md 4). In a commit message: the trailer block at its end.
/// In any other body (replies, covers): every unquoted line above the signature that reads
/// <c>Name-With-Dashes: value</c> with an address in the value (or a non-person trailer like
/// Fixes:, Link:, Closes:).
/// </summary>
public static partial class TrailerReader
{
    // A name of letters, digits and dashes, a colon, a space, then a value.
    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*):[ \t]+(\S.*?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailerLine();

    [GeneratedRegex(@"[^\s<>""(),;]+@[^\s<>""(),;]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    [GeneratedRegex(@"^[0-9a-fA-F]{6,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Sha();

    /// <summary>Trailers without a dash that the kernel uses; all others need a dash (Reviewed-by).</summary>
    static readonly HashSet<string> Undashed = new(StringComparer.OrdinalIgnoreCase) { "Fixes", "Link", "Closes", "Cc", "BugLink", "Bug", "Reference", "References" };

    /// <summary>Trailers whose value needs no address even in a follow-up.</summary>
    static readonly HashSet<string> NoPerson = new(StringComparer.OrdinalIgnoreCase) { "Fixes", "Link", "Closes", "BugLink", "Bug", "Message-Id", "Change-Id", "Patchwork-Id" };

    /// <summary>A quoted line: its first non-blank character is '&gt;'.</summary>
    public static bool IsQuoted(string line) => MailBodyFields.IsQuoted(line);

    /// <summary>The signature separator "-- " (b4's; a bare "--" is text).</summary>
    public static bool IsSignatureSeparator(string line) => MailBodyFields.IsSignature(line.AsSpan().TrimEnd("\r\n"));

    /// <summary>
    /// The trailers of a reply (follow-up trailers): unquoted lines, above the signature, with a
    /// person. A trailer its writer's mail client wrapped is joined with its next line (see <see cref="Joined"/>).
    /// </summary>
    public static IReadOnlyList<Trailer> FromReply(string body)
    {
        var found = new List<Trailer>();
        // A trailer's line waits here until the next line says whether it continues it.
        ReadOnlySpan<char> waiting = default;
        bool isWaiting = false;
        int start = 0;
        while (start < body.Length)
        {
            int nl = body.IndexOf('\n', start);
            int end = nl < 0 ? body.Length : nl;
            var line = body.AsSpan(start, end - start).TrimEnd('\r');
            start = end + 1;
            if (MailBodyFields.IsSignature(line))
                break;
            if (isWaiting)
            {
                isWaiting = false;
                if (Joined(waiting, line) is { } joined)
                {
                    AddFollowup(found, joined);
                    continue;
                }
                AddFollowup(found, waiting.ToString());
            }
            if (MayBeTrailer(line) && !MailBodyFields.IsQuoted(line) && MayBeFollowup(line))
            {
                waiting = line;
                isWaiting = true;
            }
        }
        if (isWaiting)
            AddFollowup(found, waiting.ToString());
        return found;
    }

    static void AddFollowup(List<Trailer> found, string line)
    {
        if (Parse(line) is not { } t)
            return;
        if (!t.Name.Contains('-') && !NoPerson.Contains(t.Name))
            return;
        if (t.Email is null && !NoPerson.Contains(t.Name))
            return;
        if (t.Name.Equals("Fixes", StringComparison.OrdinalIgnoreCase) && !Sha().IsMatch(t.Value))
            return;
        found.Add(t);
    }

    /// <summary>
    /// A trailer line and the line under it as one line, when the under one is the wrapped rest of
    /// it (b4 joins the same two wraps): a commit's subject cut inside its parentheses
    /// (<c>Fixes: 0123abcd ("foo</c> then <c>bar")</c>), or a name whose address went to the next
    /// line (<c>Reviewed-by: Long Name</c> then <c>&lt;addr&gt;</c>). A blank, quoted or signature
    /// line, or one that is itself a trailer, never continues anything. Null when not joined.
    /// </summary>
    public static string? Joined(ReadOnlySpan<char> line, ReadOnlySpan<char> next)
    {
        var rest = next.Trim();
        if (rest.IsEmpty || MailBodyFields.IsQuoted(next) || MailBodyFields.IsSignature(next) || !MayBeTrailer(line))
            return null;
        var value = line[(line.IndexOf(':') + 1)..].Trim();
        bool joins = (OpenSubject(value) && rest.Contains(')') && Parse(rest.ToString()) is null)
            || (!value.Contains('<') && rest is ['<', .., '>'] && rest.IndexOf('>') == rest.Length - 1);
        return joins ? string.Concat(line.TrimEnd(), " ", rest) : null;
    }

    /// <summary>
    /// "0123abcd (text" whose parenthesis is still open: a commit reference whose subject goes on
    /// below. b4 asks for no ")" at all, which misses subjects like "hwmon: (lm75) …"; counting
    /// them finds those too.
    /// </summary>
    static bool OpenSubject(ReadOnlySpan<char> value)
    {
        int hex = 0;
        while (hex < value.Length && char.IsAsciiHexDigit(value[hex]))
            hex++;
        if (hex < 6 || hex == value.Length || !char.IsWhiteSpace(value[hex]))
            return false;
        var after = value[hex..].TrimStart();
        return after is ['(', ..] && after.Count('(') > after.Count(')');
    }

    /// <summary>
    /// The trailers of a commit message: the last paragraphs made only of trailer lines
    /// (continuation lines and "[ … ]" maintainer notes allowed between them).
    /// </summary>
    public static IReadOnlyList<Trailer> FromCommitMessage(string message)
    {
        // Only the tail can hold the trailer block: split the last lines, not the whole message.
        // Each line is parsed once; the paragraph walk below asks about the same lines again.
        var lines = new List<string>();
        var trailers = new List<Trailer?>();
        var wrapped = new List<bool>(); // the wrapped rest of the trailer above it
        string? below = null; // this line's wrapped rest, already seen
        int end = message.Length;
        while (end > 0)
        {
            int nl = end > 0 ? message.LastIndexOf('\n', end - 1) : -1;
            var line = message[(nl + 1)..end].TrimEnd();
            end = nl < 0 ? 0 : nl;
            var trailer = below is not null ? ParseCommitTrailer(Joined(line, below)!)
                : line.Length > 0 ? ParseCommitTrailer(line) : null;
            below = null;
            bool prose = line.Length > 0 && trailer is null && !line.StartsWith(' ') && !line.StartsWith('\t') && !line.StartsWith('[');
            if (prose && nl > 0)
            {
                int above = message.LastIndexOf('\n', nl - 1);
                if (Joined(message.AsSpan(above + 1, nl - above - 1).TrimEnd(), line) is { } joined && ParseCommitTrailer(joined) is not null)
                    (below, prose) = (line, false);
            }
            lines.Add(line);
            trailers.Add(trailer);
            wrapped.Add(below is not null);
            if (prose)
                break; // a prose line: nothing above it can be part of the trailer block
        }
        lines.Reverse();
        trailers.Reverse();
        wrapped.Reverse();
        int last = lines.Count;
        while (last > 0 && lines[last - 1].Length == 0)
            last--;
        int first = last;
        // Walk back paragraph by paragraph while every line is a trailer (or a note/continuation).
        while (first > 0)
        {
            int p = first;
            while (p > 0 && lines[p - 1].Length > 0)
                p--;
            bool any = false, all = true;
            for (int i = p; i < first; i++)
            {
                var l = lines[i];
                any |= trailers[i] is not null;
                all &= trailers[i] is not null || wrapped[i] || l.StartsWith(' ') || l.StartsWith('\t') || l.StartsWith('[');
            }
            if (first == p || !any || !all)
                break;
            first = p;
            while (first > 0 && lines[first - 1].Length == 0)
                first--;
        }
        var found = new List<Trailer>();
        for (int i = first; i < last; i++)
            if (trailers[i] is { } t)
                found.Add(t);
        return found;
    }

    static Trailer? ParseCommitTrailer(string line)
    {
        if (line.StartsWith(' ') || line.StartsWith('\t'))
            return null;
        var t = Parse(line);
        return t is not null && (t.Name.Contains('-') || Undashed.Contains(t.Name)) ? t : null;
    }

    // Most lines are prose or code: skip the regex unless a letter starts the line and ": " follows.
    static bool MayBeTrailer(ReadOnlySpan<char> line)
    {
        var t = line.TrimStart();
        if (t.Length < 4 || !char.IsAsciiLetter(t[0]))
            return false;
        int colon = t.IndexOf(':');
        return colon > 0 && colon + 1 < t.Length && (t[colon + 1] == ' ' || t[colon + 1] == '\t');
    }

    /// <summary>
    /// A follow-up's name has a dash or needs no person (the checks below, before the regex): the
    /// name the regex would take is what stands before the first colon, as it allows no colon.
    /// </summary>
    static bool MayBeFollowup(ReadOnlySpan<char> line)
    {
        var t = line.TrimStart();
        var name = t[..t.IndexOf(':')];
        return name.Contains('-') || NoPersonNames.Contains(name);
    }

    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NoPersonNames = NoPerson.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>One line as a trailer, with the person of its value, or null.</summary>
    public static Trailer? Parse(string line)
    {
        if (!MayBeTrailer(line))
            return null;
        var m = TrailerLine().Match(line);
        if (!m.Success)
            return null;
        var name = m.Groups[1].Value;
        var value = m.Groups[2].Value;
        if (name.Contains("://"))
            return null;
        var (person, email) = Person(value);
        return new Trailer(name, value, person, email);
    }

    /// <summary>"Name &lt;addr&gt;", "addr (Name)", "addr", "addr # comment": the name and the address.</summary>
    public static (string? Name, string? Email) Person(string value)
    {
        int open = value.IndexOf('<');
        int close = open >= 0 ? value.IndexOf('>', open + 1) : -1;
        if (open >= 0 && close > open && value.AsSpan(open + 1, close - open - 1).Contains('@'))
        {
            var email = value[(open + 1)..close].Trim();
            var name = value[..open].Trim().Trim('"').Trim();
            return (name.Length > 0 ? name : null, email);
        }
        var bare = Address().Match(value);
        if (!bare.Success)
            return (null, null);
        var after = value[(bare.Index + bare.Length)..].Trim();
        string? paren = null;
        if (after.StartsWith('(') && after.IndexOf(')') is var p and > 1)
            paren = after[1..p].Trim();
        return (string.IsNullOrEmpty(paren) ? null : paren, bare.Value.TrimEnd('.'));
    }

    /// <summary>"reviewed-BY" → "Reviewed-by": the kernel's spelling, for comparing names.</summary>
    public static string Canonical(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant();

}
