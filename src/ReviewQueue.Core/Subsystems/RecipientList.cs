using System.Collections.Concurrent;
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
    readonly SectionRecipientsCache cache;
    readonly List<(string Address, string Role)> people = [];
    readonly List<(string Address, string Role)> lists = [];
    readonly HashSet<string> names = new(StringComparer.Ordinal);
    readonly HashSet<string> addresses = new(StringComparer.Ordinal);
    readonly HashSet<string> listAddresses = new(StringComparer.Ordinal);
    bool onlyTheRest = true;

    public RecipientList(GetMaintainerDialect dialect, Mailmap mailmap) : this(new SectionRecipientsCache(dialect), mailmap)
    {
    }

    internal RecipientList(SectionRecipientsCache cache, Mailmap mailmap)
    {
        dialect = cache.Dialect;
        this.mailmap = mailmap;
        this.cache = cache;
    }

    // get_maintainer.pl never copies Linus unless asked (--git-chief-penguins); it filters him by regex.
    static readonly Regex ChiefPenguin = new("Linus Torvalds <torvalds@linux-foundation.org>", RegexOptions.CultureInvariant);
    static readonly ConcurrentDictionary<string, bool> IsChief = new(StringComparer.Ordinal);
    static readonly ConcurrentDictionary<string, string> Lower = new(StringComparer.Ordinal);

    /// <summary>Adds the sections one file matched, in their order.</summary>
    public void AddFile(IEnumerable<Section> sections)
    {
        bool fileOnlyTheRest = true;
        foreach (var section in sections)
        {
            var r = cache.For(section);
            Add(r, "");
            // Xen's copy: a section with nobody under M: (reviewers only) leaves the file to THE REST.
            if (r.MaintainerRole != "supporter:" + Section.TheRest && r.HasMaintainer)
                fileOnlyTheRest = false;
        }
        if (fileOnlyTheRest)
            onlyTheRest = false;
    }

    /// <summary>Adds a section a K: line matched; <paramref name="keyword"/> is that line's regex.</summary>
    public void AddKeyword(Section section, string keyword) =>
        Add(cache.For(section), dialect.ReviewerRoleNamesSection ? ":Keyword:" + keyword : "");

    void Add(SectionRecipients section, string suffix)
    {
        foreach (var entry in section.Entries)
        {
            if (entry is SectionRecipients.List list)
            {
                if (listAddresses.Add(list.AddressLower))
                    lists.Add((list.Address, list.Kind + section.ListRole + suffix));
                continue;
            }
            var p = (SectionRecipients.Person)entry;
            if (dialect.RemoveDuplicates)
            {
                if ((p.Name.Length > 0 && names.Contains(p.NameLower)) || addresses.Contains(p.AddressLower))
                    continue;
                if (p.Name.Length > 0)
                    names.Add(p.NameLower);
                addresses.Add(p.AddressLower);
            }
            people.Add((p.Formatted, p.Maintainer ? section.MaintainerRole + suffix
                : dialect.ReviewerRoleNamesSection ? section.ReviewerRole + suffix : section.ReviewerRole));
        }
    }

    readonly List<string> fileEmails = [];

    /// <summary>Adds addresses found in a file's content (see <see cref="FileEmails"/>): role "in file".</summary>
    public void AddFileEmails(IEnumerable<string> emails) => fileEmails.AddRange(emails);

    /// <summary>The answer, in get_maintainer.pl's order, each address once.</summary>
    public IReadOnlyList<Recipient> ToList()
    {
        var to = people;
        if (dialect.DropTheRestSupporters && onlyTheRest && to.Count > 1)
        {
            var kept = to.Where(e => e.Role != "supporter:" + Section.TheRest).ToList();
            if (kept.Count > 0)
                to = kept;
        }
        var byName = new Dictionary<string, (string Name, string Address)>(StringComparer.Ordinal);
        var byAddress = new Dictionary<string, (string Name, string Address)>(StringComparer.Ordinal);
        var result = new List<(string Address, string Role)>(to.Count + lists.Count);
        foreach (var (address, role) in to)
        {
            var mapped = Deduplicate(address, byName, byAddress);
            if (!IsChiefPenguin(mapped))
                result.Add((mapped, role));
        }
        var listsMapped = lists.Select(l => (Address: Deduplicate(l.Address, byName, byAddress), l.Role)).ToList();
        AddInFile(result);
        result.AddRange(listsMapped);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. result.Where(e => seen.Add(e.Address)).Select(e => new Recipient(e.Address, e.Role))];
    }

    // get_maintainer.pl: each address found in the file joins the people unless already there (by name or address),
    // then every person with that name or address gets "in file" added to the role.
    void AddInFile(List<(string Address, string Role)> people)
    {
        foreach (var raw in fileEmails)
        {
            var p = PersonAddress.Parse(mailmap.Map(raw));
            var email = PersonAddress.Format(p.Name, p.Address);
            if (p.Address.Length == 0)
                continue;
            if (!dialect.RemoveDuplicates || !(names.Contains(Lowered(p.Name)) && p.Name.Length > 0) && !addresses.Contains(Lowered(p.Address)))
            {
                people.Add((email, ""));
                if (p.Name.Length > 0)
                    names.Add(Lowered(p.Name));
                addresses.Add(Lowered(p.Address));
            }
            for (int i = 0; i < people.Count; i++)
            {
                var (address, role) = people[i];
                var e = PersonAddress.Parse(address);
                bool same = dialect.RemoveDuplicates ? p.Name == e.Name || p.Address == e.Address : email == address;
                if (same && !role.Contains("in file", StringComparison.Ordinal))
                    people[i] = (address, role.Length == 0 ? "in file" : role + ",in file");
            }
        }
    }

    static bool IsChiefPenguin(string address)
    {
        if (IsChief.TryGetValue(address, out var known))
            return known;
        var chief = ChiefPenguin.IsMatch(address);
        if (IsChief.Count < 200_000)
            IsChief[address] = chief;
        return chief;
    }

    static string Lowered(string s)
    {
        if (Lower.TryGetValue(s, out var known))
            return known;
        var lower = s.ToLowerInvariant();
        if (Lower.Count < 200_000) // Count takes every lock: only on a miss
            Lower[s] = lower;
        return lower;
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
        if (name.Length > 0 && byName.TryGetValue(Lowered(name), out var n))
            (name, address) = n;
        else if (byAddress.TryGetValue(Lowered(address), out var a))
            (name, address) = a;
        else
        {
            byName[Lowered(name)] = (name, address);
            byAddress[Lowered(address)] = (name, address);
        }
        return mailmap.Map(PersonAddress.Format(name, address));
    }
}
