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

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Space();

    public static SubjectLine Parse(string? subject)
    {
        var raw = Space().Replace(subject ?? "", " ").Trim();
        var prefixes = new List<string>();
        var replyPrefixes = new List<string>();
        var inferred = new List<string>();
        var state = new Tokens();
        int pos = 0;
        while (pos < raw.Length)
        {
            while (pos < raw.Length && char.IsWhiteSpace(raw[pos]))
                pos++;
            if (pos >= raw.Length)
                break;
            var rest = raw.AsSpan(pos);
            var reply = ReplyPrefix().Match(raw, pos, raw.Length - pos);
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
                foreach (var token in rest[1..close].ToString().Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
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
            var inTitle = VersionInTitle().Match(title);
            if (inTitle.Success && int.TryParse(inTitle.Groups[1].Value, out var v) && v > 0)
            {
                state.Version = v;
                title = (title[..inTitle.Index] + title[(inTitle.Index + inTitle.Length)..]).Trim();
                inferred.Add(SubjectLine.VersionFromTitle);
            }
        }
        if (state.Version is null)
            inferred.Add(SubjectLine.InferredVersion);
        if (state.Index is null)
            inferred.Add(SubjectLine.InferredCounter);

        return new SubjectLine(raw, prefixes, state.Version ?? 1, state.SubVersion, state.Index ?? 1, state.Total ?? 1,
            state.Patch, state.Rfc, state.Resend, state.Tree, replyPrefixes.Count > 0, replyPrefixes, Space().Replace(title, " "), inferred);
    }

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
                if (t.Equals("PATCH", StringComparison.OrdinalIgnoreCase) || t.Equals("PATCHES", StringComparison.OrdinalIgnoreCase))
                    Patch = true;
                else if (t.Equals("RFC", StringComparison.OrdinalIgnoreCase))
                    Rfc = true;
                else if (t.Equals("RESEND", StringComparison.OrdinalIgnoreCase))
                    Resend = true;
                else if ((m = MarkerWithVersion().Match(t)).Success)
                {
                    Marker(t);
                    SetVersion(m);
                }
                else if ((m = MarkerWithCounter().Match(t)).Success)
                {
                    Marker(t);
                    SetCounter(m.Groups[1].Value, m.Groups[2].Value);
                }
                else if ((m = VersionToken().Match(t)).Success)
                    SetVersion(m);
                else if ((m = CounterToken().Match(t)).Success)
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

        static bool IsNumber(string s) => s.Length is > 0 and < 6 && s.All(char.IsAsciiDigit);

        static readonly HashSet<string> Markers = new(StringComparer.OrdinalIgnoreCase) { "git", "pull", "rft", "repost", "fyi", "for", "review", "test" };

        // Upper-case words (GIT, PULL, RFT, REPOST) are markers, not trees; trees are lower case or numbers.
        static bool LooksLikeTree(string t) =>
            !Markers.Contains(t) && t.Any(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            && t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' || c is '.' || c is '_' || c is '/' || c is '+');
    }
}
