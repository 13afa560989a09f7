using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A section's M:, R: and L: lines read once into what <see cref="RecipientList"/> needs (formatted addresses,
/// roles, list kinds), so that answering for a path only copies references. One cache per compiled map.
/// </summary>
sealed class SectionRecipients
{
    public sealed record Person(string Formatted, string Name, string Address, string NameLower, string AddressLower, bool Maintainer);
    public sealed record List(string Address, string AddressLower, string Kind);

    public required string ShortName { get; init; }
    public required string MaintainerRole { get; init; }
    public required string ReviewerRole { get; init; }
    public required string ListRole { get; init; }
    public required bool HasMaintainer { get; init; }
    /// <summary>People and lists in field order.</summary>
    public required IReadOnlyList<object> Entries { get; init; }

    static readonly Regex ListAndNote = new(@"(\S+)\s+(.*)$", RegexOptions.CultureInvariant);

    public static SectionRecipients Read(Section section, GetMaintainerDialect dialect)
    {
        var name = dialect.ShortName(section);
        var entries = new List<object>();
        foreach (var field in section.Fields)
        {
            switch (field.Letter)
            {
                case 'M' or 'R':
                    foreach (var one in SplitList(field.Value))
                    {
                        var p = PersonAddress.Parse(one);
                        if (p.Address.Length > 0)
                            entries.Add(new Person(PersonAddress.Format(p.Name, p.Address), p.Name, p.Address,
                                p.Name.ToLowerInvariant(), p.Address.ToLowerInvariant(), field.Letter == 'M'));
                    }
                    break;
                case 'L':
                    var address = field.Value;
                    var note = "";
                    var m = ListAndNote.Match(field.Value);
                    if (m.Success)
                    {
                        address = m.Groups[1].Value;
                        note = m.Groups[2].Value;
                    }
                    // Subscribers-only lists are left out, as get_maintainer.pl does by default.
                    if (!note.Contains("subscribers-only", StringComparison.Ordinal))
                        entries.Add(new List(address, address.ToLowerInvariant(),
                            note.Contains("moderated", StringComparison.Ordinal) ? "moderated list" : "open list"));
                    break;
            }
        }
        return new SectionRecipients
        {
            ShortName = name,
            MaintainerRole = section.MaintainerRole + ":" + name,
            ReviewerRole = dialect.ReviewerRoleNamesSection ? "reviewer:" + name : "reviewer",
            ListRole = name == Section.TheRest ? "" : ":" + name,
            HasMaintainer = section.Maintainers.Any(),
            Entries = entries,
        };
    }

    /// <summary>A field naming several people ("A &lt;a&gt;, B &lt;b&gt;") is split as get_maintainer.pl's RFC 822 list check does.</summary>
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
}

/// <summary>Per-map cache of <see cref="SectionRecipients"/>, filled on first use; safe across threads.</summary>
sealed class SectionRecipientsCache(GetMaintainerDialect dialect)
{
    readonly ConcurrentDictionary<Section, SectionRecipients> read = new(ReferenceEqualityComparer.Instance);

    public GetMaintainerDialect Dialect => dialect;

    public SectionRecipients For(Section section) => read.GetOrAdd(section, s => SectionRecipients.Read(s, dialect));
}
