using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// Addresses written inside a file, found and tidied as get_maintainer.pl does for "in file" recipients. By default
/// it looks only in .yaml files (devicetree bindings name their maintainers there).
/// </summary>
public static class FileEmails
{
    static readonly Regex Candidate = new(
        @"[\p{L}""' ,.+-]*\s*[,]*\s*[(<{]{0,1}[A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+\.[A-Za-z0-9]+[)>}]{0,1}",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    static readonly Regex Bracketed = new(@"[(<{]{0,1}([A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+)[)>}]{0,1}", RegexOptions.CultureInvariant);
    static readonly Regex NameSeparator = new(@"[^\p{L}',.+-]", RegexOptions.CultureInvariant);

    /// <summary>Whether get_maintainer.pl (without --file-emails) reads this path's content for addresses.</summary>
    public static bool AreReadFor(string path) => path.EndsWith(".yaml", StringComparison.Ordinal) && !path.EndsWith("MAINTAINERS", StringComparison.Ordinal);

    /// <summary>"Name &lt;address&gt;" for each address in the text, in order, possibly repeated.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        var result = new List<string>();
        try
        {
            foreach (Match m in Candidate.Matches(text))
                result.Add(Clean(m.Value));
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological file gives no addresses rather than a stuck service.
        }
        return result;
    }

    static string Clean(string email)
    {
        email = Bracketed.Replace(email, "<$1>");
        var p = PersonAddress.Parse(email);
        var name = p.Name;
        if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
            name = name[1..^1];
        var words = NameSeparator.Split(name).ToList();
        // Perl's split drops trailing empty fields only.
        while (words.Count > 0 && words[^1].Length == 0)
            words.RemoveAt(words.Count - 1);
        words.RemoveAll(w => w.Length == 1 && "',.+-".Contains(w[0]));
        if (words.Count > 2)
        {
            string first = words[^3], middle = words[^2], last = words[^1];
            bool initial = (first.Length == 1 && char.IsLetter(first[0])) || (first.Length == 2 && first[1] == '.')
                || middle.Length == 1 || (middle.Length == 2 && middle[1] == '.');
            name = initial ? $"{first} {middle} {last}" : $"{middle} {last}";
        }
        else
            name = string.Join(' ', words);
        if (name.Length > 0 && name[^1] is ',' or '.')
            name = name[..^1];
        if (name.Length > 0 && name[0] is ',' or '.')
            name = name[1..];
        return PersonAddress.Format(name, p.Address);
    }
}
