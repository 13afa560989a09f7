using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// Turns ordered sections into get_maintainer.pl's recipients: people first (M: with the role S: gives, R: as
/// reviewer), then lists (open, moderated; subscribers-only left out), each person once, mapped through .mailmap.
/// </summary>
public sealed class RecipientList
{
    readonly GetMaintainerDialect dialect;
    readonly Mailmap mailmap;
    readonly List<(string Address, string Role)> people = [];
    readonly List<(string Address, string Role)> lists = [];
    readonly HashSet<string> names = new(StringComparer.Ordinal);
    readonly HashSet<string> addresses = new(StringComparer.Ordinal);
    readonly HashSet<string> listAddresses = new(StringComparer.Ordinal);
    bool onlyTheRest = true;

    public RecipientList(GetMaintainerDialect dialect, Mailmap mailmap)
    {
        this.dialect = dialect;
        this.mailmap = mailmap;
    }

    static readonly Regex ListAndNote = new(@"(\S+)\s+(.*)$", RegexOptions.CultureInvariant);
    // get_maintainer.pl never copies Linus unless asked (--git-chief-penguins); it filters him by regex.
    static readonly Regex ChiefPenguin = new("Linus Torvalds <torvalds@linux-foundation.org>", RegexOptions.CultureInvariant);

    /// <summary>Adds the sections one file matched, in their order.</summary>
    public void AddFile(IEnumerable<Section> sections)
    {
        bool fileOnlyTheRest = true;
        foreach (var section in sections)
        {
            Add(section, "");
            // Xen's copy: a section with nobody under M: (reviewers only) leaves the file to THE REST.
            if (MaintainerRole(section) != "supporter:" + Section.TheRest && section.Maintainers.Any())
                fileOnlyTheRest = false;
        }
        if (fileOnlyTheRest)
            onlyTheRest = false;
    }

    /// <summary>Adds a section a K: line matched; <paramref name="keyword"/> is that line's regex.</summary>
    public void AddKeyword(Section section, string keyword) =>
        Add(section, dialect.ReviewerRoleNamesSection ? ":Keyword:" + keyword : "");

    string MaintainerRole(Section section) => section.MaintainerRole + ":" + dialect.ShortName(section);

    void Add(Section section, string suffix)
    {
        var name = dialect.ShortName(section);
        foreach (var field in section.Fields)
        {
            switch (field.Letter)
            {
                case 'L':
                    AddList(field.Value, name == Section.TheRest ? "" : ":" + name, suffix);
                    break;
                case 'M':
                    AddPerson(field.Value, MaintainerRole(section) + suffix);
                    break;
                case 'R':
                    AddPerson(field.Value, dialect.ReviewerRoleNamesSection ? "reviewer:" + name + suffix : "reviewer");
                    break;
            }
        }
    }

    void AddList(string value, string listRole, string suffix)
    {
        var address = value;
        var note = "";
        var m = ListAndNote.Match(value);
        if (m.Success)
        {
            address = m.Groups[1].Value;
            note = m.Groups[2].Value;
        }
        if (note.Contains("subscribers-only", StringComparison.Ordinal))
            return;
        if (!listAddresses.Add(address.ToLowerInvariant()))
            return;
        lists.Add((address, (note.Contains("moderated", StringComparison.Ordinal) ? "moderated list" : "open list") + listRole + suffix));
    }

    void AddPerson(string value, string role)
    {
        // A field naming several people ("A <a>, B <b>") is split as get_maintainer.pl's RFC 822 list check does.
        foreach (var one in SplitList(value))
        {
            var p = PersonAddress.Parse(one);
            if (p.Address.Length == 0)
                continue;
            if (dialect.RemoveDuplicates)
            {
                if ((p.Name.Length > 0 && names.Contains(p.Name.ToLowerInvariant())) || addresses.Contains(p.Address.ToLowerInvariant()))
                    continue;
                if (p.Name.Length > 0)
                    names.Add(p.Name.ToLowerInvariant());
                addresses.Add(p.Address.ToLowerInvariant());
            }
            people.Add((PersonAddress.Format(p.Name, p.Address), role));
        }
    }

    static IEnumerable<string> SplitList(string value)
    {
        int at = value.Count(c => c == '@');
        if (at < 2 || !value.Contains(','))
            return [value];
        var parts = new List<string>();
        bool quoted = false;
        int angle = 0, start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c == '<')
                angle++;
            else if (!quoted && c == '>')
                angle--;
            else if (!quoted && angle == 0 && c == ',')
            {
                parts.Add(value[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(value[start..].Trim());
        return parts.All(p => p.Contains('@')) ? parts : [value];
    }

    /// <summary>The answer, in get_maintainer.pl's order, each address once.</summary>
    public IReadOnlyList<Recipient> ToList()
    {
        var to = people.ToList();
        if (dialect.DropTheRestSupporters && onlyTheRest && to.Count > 1)
        {
            var kept = to.Where(e => e.Role != "supporter:" + Section.TheRest).ToList();
            if (kept.Count > 0)
                to = kept;
        }
        var dedupNames = new Dictionary<string, (string Name, string Address)>(StringComparer.Ordinal);
        var dedupAddresses = new Dictionary<string, (string Name, string Address)>(StringComparer.Ordinal);
        var all = to.Select(e => (Address: Deduplicate(e.Address, dedupNames, dedupAddresses), e.Role))
            .ToList();
        var listsMapped = lists.Select(e => (Address: Deduplicate(e.Address, dedupNames, dedupAddresses), e.Role)).ToList();
        all.RemoveAll(e => ChiefPenguin.IsMatch(e.Address));
        all.AddRange(listsMapped);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. all.Where(e => seen.Add(e.Address)).Select(e => new Recipient(e.Address, e.Role))];
    }

    string Deduplicate(string email, Dictionary<string, (string Name, string Address)> byName,
        Dictionary<string, (string Name, string Address)> byAddress)
    {
        var p = PersonAddress.Parse(email);
        email = mailmap.Map(PersonAddress.Format(p.Name, p.Address));
        if (!dialect.RemoveDuplicates)
            return email;
        p = PersonAddress.Parse(email);
        var (name, address) = (p.Name, p.Address);
        if (name.Length > 0 && byName.TryGetValue(name.ToLowerInvariant(), out var n))
            (name, address) = n;
        else if (byAddress.TryGetValue(address.ToLowerInvariant(), out var a))
            (name, address) = a;
        else
        {
            byName[name.ToLowerInvariant()] = (name, address);
            byAddress[address.ToLowerInvariant()] = (name, address);
        }
        return mailmap.Map(PersonAddress.Format(name, address));
    }
}
