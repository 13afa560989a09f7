using System.Text;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// The longest run of plain characters every match of a regex must contain ("tegra" in "[^a-z]tegra"), so that a
/// path without it skips the regex. Null when the pattern has alternation, groups or free-spacing text, where no
/// such run can be read off safely.
/// </summary>
static class RequiredLiteral
{
    public static string? Of(string pattern)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        void Flush()
        {
            if (run.Length > 0)
                runs.Add(run.ToString());
            run.Clear();
        }
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            char? literal = null;
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                    return null;
                char n = pattern[++i];
                if (char.IsLetterOrDigit(n))
                {
                    Flush(); // \b, \d, \w ...: not a plain character
                    continue;
                }
                literal = n;
            }
            else if (c is '|' or '(' or ')' or '#' || char.IsWhiteSpace(c))
                return null;
            else if (c == '[')
            {
                Flush();
                int close = pattern.IndexOf(']', i + 2);
                if (close < 0)
                    return null;
                i = close;
                if (i + 1 < pattern.Length && pattern[i + 1] is '*' or '?' or '{' or '+')
                    i++;
                continue;
            }
            else if (c is '.' or '^' or '$')
            {
                Flush();
                if (c == '.' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '?' or '+')
                    i++;
                continue;
            }
            else if (c is '*' or '?' or '{' or '+' or ']' or '}')
                return null; // a quantifier where none was expected: leave the regex to decide
            else
                literal = c;

            if (i + 1 < pattern.Length && pattern[i + 1] is '*' or '?' or '{')
            {
                Flush(); // the character is optional
                i++;
                if (pattern[i] == '{')
                {
                    var close = pattern.IndexOf('}', i);
                    if (close < 0)
                        return null;
                    i = close;
                }
                continue;
            }
            run.Append(literal!.Value);
            if (i + 1 < pattern.Length && pattern[i + 1] == '+')
            {
                Flush();
                i++;
            }
        }
        Flush();
        // The first of the longest, as a stable sort by length would give.
        string? best = null;
        foreach (var r in runs)
            if (r.Length > (best?.Length ?? 0))
                best = r;
        return best;
    }
}
