using System.Runtime.CompilerServices;
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

    // Built ~8,000 times per load of the Linux file: compiled optimised at once instead of as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        Slashes = converted.AsSpan().Count('/');
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

    /// <summary>"." to "\.", "*" to ".*", "?" to "." in one pass (get_maintainer.pl's three s///g in a row).</summary>
    public static string Convert(string value)
    {
        int first = value.AsSpan().IndexOfAny('.', '*', '?');
        if (first < 0)
            return value; // most F: lines name a file or directory: nothing to convert
        var converted = new StringBuilder(value.Length + 8).Append(value, 0, first);
        foreach (var c in value.AsSpan(first))
            _ = c switch
            {
                '.' => converted.Append("\\."),
                '*' => converted.Append(".*"),
                '?' => converted.Append('.'),
                _ => converted.Append(c),
            };
        return converted.ToString();
    }

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

    /// <summary>Xen's shell-style "{a,b}" (not nested) as the regex alternation "(a|b)".</summary>
    public static string ExpandBraces(string value) =>
        XenBraces.Regex.Replace(value, m => "(" + m.Groups[1].Value.Replace(',', '|') + ")");

    // In a class of its own so that only Xen's files build the regex.
    static class XenBraces
    {
        public static readonly Regex Regex = new(@"(?<=[^\\])\{([^{}]*,[^{}]*)\}", RegexOptions.CultureInvariant);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IsMeta(char c) => c is '\\' or '.' or '*' or '?' or '+' or '[' or ']' or '(' or ')' or '{' or '}' or '|' or '^' or '$';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static string ReadLiteralPrefix(string converted, out bool isLiteral)
    {
        // No regex syntax at all (a plain file or directory name): the whole pattern is its prefix.
        bool plain = true;
        foreach (var c in converted)
            plain &= !IsMeta(c);
        if (plain)
        {
            isLiteral = true;
            return converted;
        }
        Span<char> prefix = converted.Length <= 512 ? stackalloc char[converted.Length] : new char[converted.Length];
        int length = 0;
        isLiteral = false;
        for (int i = 0; i < converted.Length; i++)
        {
            char c = converted[i];
            if (c == '\\' && i + 1 < converted.Length && !char.IsLetterOrDigit(converted[i + 1]))
            {
                // An escaped punctuation character is itself, unless a quantifier follows it.
                if (i + 2 < converted.Length && converted[i + 2] is '*' or '+' or '?' or '{')
                    return prefix[..length].ToString();
                prefix[length++] = converted[i + 1];
                i++;
                continue;
            }
            if (IsMeta(c))
                return prefix[..length].ToString();
            if (i + 1 < converted.Length && converted[i + 1] is '*' or '+' or '?' or '{')
                return prefix[..length].ToString();
            prefix[length++] = c;
        }
        isLiteral = true;
        return prefix[..length].ToString();
    }
}
