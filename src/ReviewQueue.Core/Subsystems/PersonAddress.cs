using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A name and an address split and printed the way get_maintainer.pl does it, so that recipients compare equal to
/// its output byte for byte: names with anything beyond letters, digits, "_", " " and "-" are quoted.
/// </summary>
public readonly record struct PersonAddress(string Name, string Address)
{
    static readonly Regex NameAndAddress = new(@"^([^<]+)<(.+@.*)>.*$", RegexOptions.CultureInvariant);
    static readonly Regex BracketedAddress = new(@"^\s*<(.+@\S*)>.*$", RegexOptions.CultureInvariant);
    static readonly Regex BareAddress = new(@"^(.+@\S*).*$", RegexOptions.CultureInvariant);

    /// <summary>Splits "Name &lt;address&gt;", "&lt;address&gt;" or "address"; the name comes back escaped.</summary>
    public static PersonAddress Parse(string text)
    {
        if (Parsed.TryGetValue(text, out var known))
            return known;
        var parsed = ParseUncached(text);
        // The same few thousand MAINTAINERS people come back for every path; the cap keeps odd input from growing it.
        if (Parsed.Count > 200_000)
            Parsed.Clear();
        Parsed[text] = parsed;
        return parsed;
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PersonAddress> Parsed = new(StringComparer.Ordinal);

    static PersonAddress ParseUncached(string text)
    {
        string name = "", address = "";
        Match m;
        if ((m = NameAndAddress.Match(text)).Success)
        {
            name = m.Groups[1].Value;
            address = m.Groups[2].Value;
        }
        else if ((m = BracketedAddress.Match(text)).Success)
            address = m.Groups[1].Value;
        else if ((m = BareAddress.Match(text)).Success)
            address = m.Groups[1].Value;
        return new PersonAddress(Escape(StripQuotes(TrimPerl(name))), TrimPerl(address));
    }

    /// <summary>"Name &lt;address&gt;", or the address alone when there is no name.</summary>
    public static string Format(string name, string address)
    {
        name = Escape(StripQuotes(TrimPerl(name)));
        address = TrimPerl(address);
        return name.Length == 0 ? address : $"{name} <{address}>";
    }

    public override string ToString() => Format(Name, Address);

    /// <summary>Quotes a name holding anything but ASCII letters, digits, "_", " " and "-", escaping bare quotes.</summary>
    public static string Escape(string name)
    {
        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or ' ' or '-'))
                return "\"" + UnescapedQuote.Replace(name, "\\\"") + "\"";
        }
        return name;
    }

    static readonly Regex UnescapedQuote = new(@"(?<!\\)""", RegexOptions.CultureInvariant);

    // s/^\"|\"$//g: at most one quote from each end.
    static string StripQuotes(string s)
    {
        if (s.StartsWith('"'))
            s = s[1..];
        if (s.EndsWith('"'))
            s = s[..^1];
        return s;
    }

    // Perl's \s without Unicode spaces: the file is read as UTF-8, so \s also matches U+0085 and U+00A0 and friends.
    internal static string TrimPerl(string s) => s.Trim();
}
