namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// The converted F:/X: patterns that use nothing beyond literal characters, ".", ".*" and "[...]" (nearly all of
/// them) matched without a regex engine: one pass with star backtracking, linear in practice and never
/// catastrophic. <see cref="TryParse"/> says no to anything else, which then goes to a guarded regex.
/// </summary>
sealed class GlobTokens
{
    enum Kind { Literal, AnyChar, AnyRun, Class }

    readonly record struct Token(Kind Kind, char Char = '\0', string? Set = null, bool Negated = false)
    {
        public bool Accepts(char c) => Kind switch
        {
            Kind.Literal => c == Char,
            Kind.AnyChar => c != '\n',
            Kind.Class => Set!.Contains(c) != Negated,
            _ => false,
        };
    }

    readonly Token[] tokens;
    readonly int count;

    GlobTokens(Token[] tokens, int count)
    {
        this.tokens = tokens;
        this.count = count;
    }

    public static GlobTokens? TryParse(string converted)
    {
        // No more tokens than characters; an array rather than a List<Token>, one generic instantiation less to JIT.
        var list = new Token[converted.Length];
        int count = 0;
        for (int i = 0; i < converted.Length; i++)
        {
            char c = converted[i];
            if (c == '\\')
            {
                if (i + 1 >= converted.Length || char.IsLetterOrDigit(converted[i + 1]))
                    return null; // \d, \w and friends: leave to the regex engine
                list[count++] = new Token(Kind.Literal, converted[++i]);
            }
            else if (c == '.')
            {
                if (i + 1 < converted.Length && converted[i + 1] == '*')
                {
                    list[count++] = new Token(Kind.AnyRun);
                    i++;
                }
                else
                    list[count++] = new Token(Kind.AnyChar);
            }
            else if (c == '[')
            {
                int close = converted.IndexOf(']', i + 2);
                if (close < 0)
                    return null;
                var body = converted[(i + 1)..close];
                bool negated = body.StartsWith('^');
                if (negated)
                    body = body[1..];
                if (body.Contains('\\') || body.Contains('-') || body.Contains('['))
                    return null;
                list[count++] = new Token(Kind.Class, Set: body, Negated: negated);
                i = close;
            }
            else if ("*+?{}()|^$]".Contains(c))
                return null;
            else
                list[count++] = new Token(Kind.Literal, c);
            // A quantifier on anything but "." is regex territory.
            if (i + 1 < converted.Length && converted[i + 1] is '*' or '+' or '?' or '{')
                return null;
        }
        return new GlobTokens(list, count);
    }

    /// <summary>True when the pattern matches some prefix of <paramref name="path"/> (Perl's m@^pattern@).</summary>
    public bool MatchesPrefix(string path)
    {
        int t = 0, s = 0, starT = -1, starS = 0;
        while (true)
        {
            if (t == count)
                return true; // the rest of the path is free: only the start is anchored
            if (tokens[t].Kind == Kind.AnyRun)
            {
                starT = t++;
                starS = s;
                continue;
            }
            if (s < path.Length && tokens[t].Accepts(path[s]))
            {
                t++;
                s++;
                continue;
            }
            if (starT < 0 || starS >= path.Length || path[starS] == '\n')
                return false;
            t = starT + 1;
            s = ++starS;
        }
    }
}
