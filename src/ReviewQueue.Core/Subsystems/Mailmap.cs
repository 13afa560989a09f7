using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A tree's .mailmap as get_maintainer.pl applies it: by "Name &lt;address&gt;" first, else by address alone, with the
/// four line forms of git-shortlog(1). Lines it cannot read are reported with their numbers.
/// </summary>
public sealed class Mailmap
{
    readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> addresses = new(StringComparer.Ordinal);

    public IReadOnlyList<MaintainersProblem> Problems { get; }

    public static Mailmap Empty { get; } = new([]);

    Mailmap(List<MaintainersProblem> problems) => Problems = problems;

    static readonly Regex NameOnly = new(@"^([^<]+)<([^>]+)>$", RegexOptions.CultureInvariant);
    static readonly Regex AddressOnly = new(@"^<([^>]+)>\s*<([^>]+)>$", RegexOptions.CultureInvariant);
    static readonly Regex NameForAddress = new(@"^(.+)<([^>]+)>\s*<([^>]+)>$", RegexOptions.CultureInvariant);
    static readonly Regex NameForNameAndAddress = new(@"^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$", RegexOptions.CultureInvariant);

    public static Mailmap Parse(string text, string fileName = ".mailmap")
    {
        var map = new Mailmap([]);
        var problems = (List<MaintainersProblem>)map.Problems;
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
                continue;
            Match m;
            if ((m = NameOnly.Match(line)).Success)
            {
                var real = PersonAddress.Parse($"{m.Groups[1].Value.TrimEnd()} <{m.Groups[2].Value}>");
                map.names[real.Address] = real.Name;
            }
            else if ((m = AddressOnly.Match(line)).Success)
                map.addresses[m.Groups[2].Value] = m.Groups[1].Value;
            else if ((m = NameForAddress.Match(line)).Success)
            {
                var real = PersonAddress.Parse($"{m.Groups[1].Value.TrimEnd()} <{m.Groups[2].Value}>");
                var wrong = m.Groups[3].Value;
                map.names[wrong] = real.Name;
                map.addresses[wrong] = real.Address;
            }
            else if ((m = NameForNameAndAddress.Match(line)).Success)
            {
                var real = PersonAddress.Parse($"{m.Groups[1].Value.TrimEnd()} <{m.Groups[2].Value}>");
                var wrong = PersonAddress.Parse($"{m.Groups[3].Value.TrimEnd()} <{m.Groups[4].Value}>");
                var key = PersonAddress.Format(wrong.Name, wrong.Address);
                map.names[key] = real.Name;
                map.addresses[key] = real.Address;
            }
            else
                problems.Add(new MaintainersProblem(fileName, lineNumber, raw, "mailmap line in none of git-shortlog's four forms"));
        }
        return map;
    }

    /// <summary>The mapped "Name &lt;address&gt;" for a person, formatted as get_maintainer.pl formats it.</summary>
    public string Map(string person)
    {
        if (mapped.TryGetValue(person, out var known))
            return known;
        var result = MapUncached(person);
        if (mapped.Count > 200_000)
            mapped.Clear();
        mapped[person] = result;
        return result;
    }

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> mapped = new(StringComparer.Ordinal);

    string MapUncached(string person)
    {
        var p = PersonAddress.Parse(person);
        var email = PersonAddress.Format(p.Name, p.Address);
        string realName = p.Name, realAddress = p.Address;
        if (names.ContainsKey(email) || addresses.ContainsKey(email))
        {
            if (names.TryGetValue(email, out var n))
                realName = n;
            if (addresses.TryGetValue(email, out var a))
                realAddress = a;
        }
        else
        {
            if (names.TryGetValue(p.Address, out var n))
                realName = n;
            if (addresses.TryGetValue(p.Address, out var a))
                realAddress = a;
        }
        return PersonAddress.Format(realName, realAddress);
    }
}
