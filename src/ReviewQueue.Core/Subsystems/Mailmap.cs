using System.Collections.Concurrent;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A tree's .mailmap as get_maintainer.pl applies it: by "Name &lt;address&gt;" first, else by address alone, with the
/// four line forms of git-shortlog(1). Lines it cannot read are reported with their numbers. The lines are read on
/// first use (a recipient mapped, or <see cref="Problems"/> asked): mapping paths to sections never needs them.
/// </summary>
public sealed class Mailmap
{
    sealed record Tables(Dictionary<string, string> Names, Dictionary<string, string> Addresses, IReadOnlyList<MaintainersProblem> Problems);

    readonly Lazy<Tables> tables;
    readonly ConcurrentDictionary<string, string> mapped = new(StringComparer.Ordinal);

    public IReadOnlyList<MaintainersProblem> Problems => tables.Value.Problems;

    public static Mailmap Empty { get; } = new("", ".mailmap");

    /// <summary>The same lines as git reads them: who is one person when people are counted (get_maintainer.pl's rules differ).</summary>
    public GitMailmap Git { get; }

    Mailmap(string text, string fileName)
    {
        tables = new(() => Read(text, fileName));
        Git = text.Length == 0 ? GitMailmap.Empty : GitMailmap.Parse(text);
    }

    public static Mailmap Parse(string text, string fileName = ".mailmap") => new(text, fileName);

    static Tables Read(string text, string fileName)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<MaintainersProblem>();
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
                continue;
            var m = MailmapLine.Read(line);
            switch (m.Kind)
            {
                case MailmapLine.Form.NameOnly:
                {
                    var real = PersonAddress.Parse($"{m.A.TrimEnd()} <{m.B}>");
                    names[real.Address] = real.Name;
                    break;
                }
                case MailmapLine.Form.AddressOnly:
                    addresses[m.B] = m.A;
                    break;
                case MailmapLine.Form.NameForAddress:
                {
                    var real = PersonAddress.Parse($"{m.A.TrimEnd()} <{m.B}>");
                    names[m.C] = real.Name;
                    addresses[m.C] = real.Address;
                    break;
                }
                case MailmapLine.Form.NameForNameAndAddress:
                {
                    var real = PersonAddress.Parse($"{m.A.TrimEnd()} <{m.B}>");
                    var wrong = PersonAddress.Parse($"{m.C.TrimEnd()} <{m.D}>");
                    var key = PersonAddress.Format(wrong.Name, wrong.Address);
                    names[key] = real.Name;
                    addresses[key] = real.Address;
                    break;
                }
                default:
                    problems.Add(new MaintainersProblem(fileName, lineNumber, raw, "mailmap line in none of git-shortlog's four forms"));
                    break;
            }
        }
        return new Tables(names, addresses, problems);
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

    string MapUncached(string person)
    {
        var (names, addresses, _) = tables.Value;
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
