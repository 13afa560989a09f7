using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// Takes a subject apart: reply prefixes, bracket groups, then the title. Tokens inside brackets
/// split on spaces and commas. Forms seen in the wild: <c>[PATCH v2 net-next 01/10]</c>,
/// <c>[PATCHv3 1/2]</c>, <c>[PATCH1/8]</c>, <c>[PATCH 1 of 2]</c> (mercurial),
/// <c>[RFC PATCH v5.1 10/12]</c> (partial re-roll), <c>[PATCH] Re: …</c>, "title (v2)".
/// </summary>
public static partial class SubjectParser
{
    // Short reply/forward prefixes in several languages, optionally counted ("Re[2]:", "Re(2):").
    [GeneratedRegex(@"^(re|aw|fwd?|sv|vs|antw|wg|odp|tr|rif|ref|res|atb|vá|r)\s*(?:\[\d+\]|\(\d+\))?\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"^(?:PATCH|RFC)[-_]?v(\d+)(?:\.(\d+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkerWithVersion();

    [GeneratedRegex(@"^(?:PATCH|RFC)[-_]?(\d+)/(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkerWithCounter();

    [GeneratedRegex(@"^v(\d+)(?:\.(\d+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionToken();

    [GeneratedRegex(@"^(\d+)/(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CounterToken();

    [GeneratedRegex(@"\s*\(v(\d+)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionInTitle();

    // "v3: title" or "V2 - title": a version, then a colon or a dash, then the title (not "v4l2: fix", "v2x driver").
    [GeneratedRegex(@"^[vV](\d{1,2})(?:\.(\d{1,2}))?\s*(?::|\s-)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLeadingTitle();

    static readonly char[] TokenSeparators = [' ', ',', '\t'];

    public static SubjectLine Parse(string? subject)
    {
        var raw = CollapseSpace(subject ?? "").Trim();
        var prefixes = new List<string>();
        var replyPrefixes = new List<string>();
        var inferred = new List<string>();
        var state = new Tokens();
        int pos = 0;
        while (pos < raw.Length)
        {
            // A colon between or after the groups goes too ("[Patch 2/2]: fix the thing"), as git mailinfo drops it.
            while (pos < raw.Length && (char.IsWhiteSpace(raw[pos]) || raw[pos] == ':'))
                pos++;
            if (pos >= raw.Length)
                break;
            var rest = raw.AsSpan(pos);
            var reply = MayBeReplyPrefix(rest) ? ReplyPrefix().Match(raw, pos, raw.Length - pos) : Match.Empty;
            if (reply.Success)
            {
                replyPrefixes.Add(reply.Groups[1].Value);
                pos += reply.Length;
                continue;
            }
            if (rest[0] == '[')
            {
                int close = rest.IndexOf(']');
                if (close < 0)
                    break;
                foreach (var token in rest[1..close].ToString().Split(TokenSeparators, StringSplitOptions.RemoveEmptyEntries))
                    prefixes.Add(token);
                pos += close + 1;
                continue;
            }
            break;
        }
        state.Read(prefixes);

        var title = pos < raw.Length ? raw[pos..].Trim() : "";
        if (state.Version is null)
        {
            var inTitle = title.Contains("(v", StringComparison.OrdinalIgnoreCase) ? VersionInTitle().Match(title) : Match.Empty;
            if (inTitle.Success && int.TryParse(inTitle.Groups[1].Value, out var v) && v > 0)
            {
                state.Version = v;
                title = (title[..inTitle.Index] + title[(inTitle.Index + inTitle.Length)..]).Trim();
                inferred.Add(SubjectLine.VersionFromTitle);
            }
        }
        if (state.Version is null && title.Length > 3 && title[0] is 'v' or 'V' && char.IsAsciiDigit(title[1]))
        {
            // The version written as the title's first word, after the brackets: "[PATCH 1/2] v3: hwmon: fix x".
            var lead = VersionLeadingTitle().Match(title);
            if (lead.Success && int.TryParse(lead.Groups[1].Value, out var v) && v > 0)
            {
                state.Version = v;
                if (lead.Groups[2].Success && int.TryParse(lead.Groups[2].Value, out var minor))
                    state.SubVersion = minor;
                title = title[lead.Length..].Trim();
                inferred.Add(SubjectLine.VersionFromTitle);
            }
        }
        if (state.Version is null)
            inferred.Add(SubjectLine.InferredVersion);
        if (state.Index is null)
            inferred.Add(SubjectLine.InferredCounter);

        return new SubjectLine(raw, prefixes, state.Version ?? 1, state.SubVersion, state.Index ?? 1, state.Total ?? 1,
            state.Patch, state.Rfc, state.Resend, state.Tree, replyPrefixes.Count > 0, replyPrefixes, CollapseSpace(title), inferred);
    }

    /// <summary>Every run of white space (as regex \s: char.IsWhiteSpace) becomes one space; the same string when none needs to.</summary>
    static string CollapseSpace(string s)
    {
        int i = 0;
        for (; i < s.Length; i++)
        {
            if (char.IsWhiteSpace(s[i]) && (s[i] != ' ' || (i + 1 < s.Length && char.IsWhiteSpace(s[i + 1]))))
                break;
        }
        if (i == s.Length)
            return s;
        var collapsed = new System.Text.StringBuilder(s.Length);
        collapsed.Append(s, 0, i);
        while (i < s.Length)
        {
            if (!char.IsWhiteSpace(s[i]))
            {
                collapsed.Append(s[i++]);
                continue;
            }
            collapsed.Append(' ');
            while (i < s.Length && char.IsWhiteSpace(s[i]))
                i++;
        }
        return collapsed.ToString();
    }

    // The reply prefixes all start with one of these letters; anything else non-ASCII still goes to the regex.
    static bool MayBeReplyPrefix(ReadOnlySpan<char> rest) =>
        rest[0] > 127 || "rafsvwotRAFSVWOT".Contains(rest[0]);

    sealed class Tokens
    {
        public int? Version, SubVersion, Index, Total;
        public bool Patch, Rfc, Resend;
        public string? Tree;

        public void Read(List<string> tokens)
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                Match m;
                // Every version or counter form has a digit (regex \d is char.IsDigit): without one, no regex can match.
                bool digits = HasDigit(t);
                if (t.Equals("PATCH", StringComparison.OrdinalIgnoreCase) || t.Equals("PATCHES", StringComparison.OrdinalIgnoreCase))
                    Patch = true;
                else if (t.Equals("RFC", StringComparison.OrdinalIgnoreCase))
                    Rfc = true;
                else if (t.Equals("RESEND", StringComparison.OrdinalIgnoreCase))
                    Resend = true;
                else if (digits && (m = MarkerWithVersion().Match(t)).Success)
                {
                    Marker(t);
                    SetVersion(m);
                }
                else if (digits && (m = MarkerWithCounter().Match(t)).Success)
                {
                    Marker(t);
                    SetCounter(m.Groups[1].Value, m.Groups[2].Value);
                }
                else if (digits && (m = VersionToken().Match(t)).Success)
                    SetVersion(m);
                else if (digits && (m = CounterToken().Match(t)).Success)
                    SetCounter(m.Groups[1].Value, m.Groups[2].Value);
                else if (IsNumber(t) && i + 2 < tokens.Count && tokens[i + 1].Equals("of", StringComparison.OrdinalIgnoreCase) && IsNumber(tokens[i + 2]))
                {
                    SetCounter(t, tokens[i + 2]);
                    i += 2;
                }
                else if (Tree is null && LooksLikeTree(t))
                    Tree = t;
            }
        }

        void Marker(string token)
        {
            if (token.StartsWith("RFC", StringComparison.OrdinalIgnoreCase))
                Rfc = true;
            else
                Patch = true;
        }

        void SetVersion(Match m)
        {
            if (Version is not null || !int.TryParse(m.Groups[1].Value, out var v))
                return;
            Version = v;
            if (m.Groups[2].Success && int.TryParse(m.Groups[2].Value, out var s))
                SubVersion = s;
        }

        void SetCounter(string index, string total)
        {
            if (Index is not null || !int.TryParse(index, out var n) || !int.TryParse(total, out var m))
                return;
            Index = n;
            Total = m;
        }

        static bool HasDigit(string s)
        {
            foreach (char c in s)
                if (char.IsDigit(c))
                    return true;
            return false;
        }

        static bool IsNumber(string s) => s.Length is > 0 and < 6 && s.All(char.IsAsciiDigit);

        static readonly HashSet<string> Markers = new(StringComparer.OrdinalIgnoreCase) { "git", "pull", "rft", "repost", "fyi", "for", "review", "test" };

        // Upper-case words (GIT, PULL, RFT, REPOST) are markers, not trees; trees are lower case or numbers.
        static bool LooksLikeTree(string t) =>
            !Markers.Contains(t) && t.Any(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            && t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' || c is '.' || c is '_' || c is '/' || c is '+');
    }
}
