using System.Text;
using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// An F: or X: pattern turned into get_maintainer.pl's regex ("." literal, "*" any run, "?" one character, the rest
/// regex syntax), anchored at the start of the path only. A pattern naming a directory of the tree gets a trailing
/// "/" and then matches the whole subtree; without a trailing "/" the path must have as many "/" as the pattern.
/// </summary>
public sealed class FilePattern
{
    public MaintainersField Field { get; }
    public int SectionIndex { get; }
    /// <summary>The regex text get_maintainer.pl builds (and prints back with --sections).</summary>
    public string Converted { get; }
    /// <summary>The characters every matching path starts with: the index key.</summary>
    public string LiteralPrefix { get; }
    public bool Subtree { get; }
    public int Slashes { get; }
    /// <summary>The sort weight of a match: "/" count, +1 without a trailing "/", and -1 for a leading "*".</summary>
    public int Depth { get; }
    readonly SafeRegex? regex;
    readonly GlobTokens? glob;
    public string? Error { get; }

    public FilePattern(MaintainersField field, int sectionIndex, TreeFileList tree, bool braceExpansion = false)
    {
        Field = field;
        SectionIndex = sectionIndex;
        var converted = Convert(braceExpansion ? ExpandBraces(field.Value) : field.Value);
        // get_maintainer.pl asks "-d" of the converted text, so only patterns without ".", "*" or "?" can name one.
        if (converted.Length > 0 && !converted.EndsWith('/') && tree.IsDirectory(converted))
            converted += "/";
        Converted = converted;
        Subtree = converted.EndsWith('/');
        Slashes = converted.Count(c => c == '/');
        Depth = converted.StartsWith(".*", StringComparison.Ordinal) ? -1 : Slashes + (Subtree ? 0 : 1);
        LiteralPrefix = ReadLiteralPrefix(converted, out var isLiteral);
        if (converted.Contains('|'))
            LiteralPrefix = ""; // an alternative may start anywhere
        if (!isLiteral && (glob = GlobTokens.TryParse(converted)) is null)
        {
            regex = SafeRegex.TryCreate("^(?:" + converted + ")", RegexOptions.None, out var error);
            Error = error;
        }
    }

    public static string Convert(string value) => value.Replace(".", "\\.").Replace("*", ".*").Replace("?", ".");

    /// <summary>Whether the path matches; <paramref name="pathSlashes"/> is the count of "/" in it.</summary>
    public bool Matches(string path, int pathSlashes)
    {
        if (!Subtree && pathSlashes != Slashes)
            return false;
        if (glob is not null)
            return glob.MatchesPrefix(path);
        if (regex is null)
            return Error is null && path.StartsWith(LiteralPrefix, StringComparison.Ordinal);
        return regex.IsMatch(path);
    }

    static readonly Regex Braces = new(@"(?<=[^\\])\{([^{}]*,[^{}]*)\}", RegexOptions.CultureInvariant);

    /// <summary>Xen's shell-style "{a,b}" (not nested) as the regex alternation "(a|b)".</summary>
    public static string ExpandBraces(string value) =>
        Braces.Replace(value, m => "(" + m.Groups[1].Value.Replace(',', '|') + ")");

    const string Meta = "\\.*?+[](){}|^$";

    static string ReadLiteralPrefix(string converted, out bool isLiteral)
    {
        var prefix = new StringBuilder();
        for (int i = 0; i < converted.Length; i++)
        {
            char c = converted[i];
            if (c == '\\' && i + 1 < converted.Length && !char.IsLetterOrDigit(converted[i + 1]))
            {
                // An escaped punctuation character is itself, unless a quantifier follows it.
                if (i + 2 < converted.Length && converted[i + 2] is '*' or '+' or '?' or '{')
                {
                    isLiteral = false;
                    return prefix.ToString();
                }
                prefix.Append(converted[i + 1]);
                i++;
                continue;
            }
            if (Meta.Contains(c))
            {
                isLiteral = false;
                return prefix.ToString();
            }
            if (i + 1 < converted.Length && converted[i + 1] is '*' or '+' or '?' or '{')
            {
                isLiteral = false;
                return prefix.ToString();
            }
            prefix.Append(c);
        }
        isLiteral = true;
        return prefix.ToString();
    }
}
