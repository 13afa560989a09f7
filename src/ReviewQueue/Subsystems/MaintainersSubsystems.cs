using Microsoft.Extensions.Logging;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Subsystems;
using ReviewQueue.Git.Maintainers;

namespace ReviewQueue.Subsystems;

/// <summary>
/// Review debt's subsystems from MAINTAINERS (Maintainers:Tree or Maintainers:File), with
/// get_maintainer.pl's semantics. Without a configured MAINTAINERS every file is THE REST, the
/// fallback get_maintainer.pl itself uses, and the start-up log says so.
/// </summary>
/// <param name="notice">Whether to say that none is configured; unregistered: say it.</param>
public sealed partial class MaintainersSubsystems(MaintainersSource source, ILogger<MaintainersSubsystems> log,
    MaintainersNotice? notice = null) : ISubsystemMap
{
    readonly Lock gate = new();
    MaintainersSnapshot? snapshot;
    bool loaded;

    /// <summary>The configured files as they were when read (<see cref="MaintainersSource.FilesStamp"/>).</summary>
    string? stamp;

    /// <summary>The compiled MAINTAINERS, or null when none is configured.</summary>
    public MaintainersSnapshot? Snapshot()
    {
        Map();
        return snapshot;
    }

    MaintainersMap? Map()
    {
        lock (gate)
        {
            if (!loaded)
            {
                stamp = source.FilesStamp();
                snapshot = source.Load(null, null, null, out var problem);
                if (snapshot is null && notice?.SayMissing != false)
                    NoMaintainers(log, problem ?? "not configured");
                loaded = true;
            }
            return snapshot?.Map;
        }
    }

    /// <summary>
    /// Reads MAINTAINERS and the .mailmap again when they changed since they were read: a file edited (Maintainers:File,
    /// its TreeFiles or Mailmap), or a tree's branch moved to other MAINTAINERS or .mailmap blobs. `run` reads them at
    /// start; an operator who edits the .mailmap, or a tree that takes a new MAINTAINERS, expects the dashboard to follow.
    /// One that cannot be read now (missing, half written) leaves the map as it was. True when the map changed.
    /// </summary>
    public bool Reload()
    {
        Map();
        lock (gate)
        {
            var now = source.FilesStamp();
            if (now is not null && now == stamp)
                return false;
            MaintainersSnapshot? fresh;
            string? problem;
            try
            {
                fresh = source.Load(null, null, null, out problem);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                (fresh, problem) = (null, e.Message);
            }
            if (fresh is null)
            {
                if (snapshot is not null)
                    NotReloaded(log, problem ?? "not configured");
                return false;
            }
            if (snapshot is not null && now is null && fresh.BlobIds == snapshot.BlobIds)
                return false;
            (snapshot, stamp, mailmapAlone) = (fresh, now, null);
            Reloaded(log, fresh.Source);
            return true;
        }
    }

    public IReadOnlyList<string> SectionsOf(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
            return [];
        var map = Map();
        if (map is null)
            return [Section.TheRest];
        // Each file's sections in get_maintainer.pl's order, the files in the patch's order, each section once.
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (var match in map.Matcher.Match(file))
                if (seen.Add(match.Section.Name))
                    names.Add(match.Section.Name);
        return names;
    }

    public IReadOnlyList<string> SuggestedReviewers(IReadOnlyList<string> sections, string? authorEmail, string? authorName = null)
    {
        var map = Map();
        if (map is null)
            return [];
        // THE REST matches every file; its people are only worth asking when no real section applies.
        var wanted = sections.Where(n => n != Section.TheRest || sections.All(x => x == Section.TheRest)).ToHashSet(StringComparer.Ordinal);
        var people = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Who is who by the .mailmap as git reads it: a person MAINTAINERS lists under an address they left (Linux lists
        // some under two) is asked once, and never about their own series posted from either address.
        var who = map.Mailmap.Git;
        var author = authorEmail is null ? null : who.AddressOf(authorName, authorEmail);
        // The wanted sections in MAINTAINERS' order (every one of a duplicated title), found by name: a rebuild asks
        // for each waiting series, and walking all of Linux's ~3,000 sections each time was most of its debt step.
        var byName = SectionsByName(map);
        var chosen = wanted.SelectMany(n => byName.TryGetValue(n, out var found) ? found : []).OrderBy(x => x.Place);
        foreach (var (_, section) in chosen)
            foreach (var listed in section.Maintainers.Concat(section.Reviewers))
            {
                var person = Shown(map.Mailmap, listed);
                var email = EmailOf(person);
                var key = email is null ? null : who.AddressOf(NameOf(person), email);
                if (author is not null && string.Equals(key, author, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (seen.Add(key ?? person))
                    people.Add(person);
            }
        return people;
    }

    /// <summary>
    /// An M: or R: line as written, or, when the mailmap maps that person elsewhere, as get_maintainer.pl prints them:
    /// at the address that reads mail (Linux 6.12's "Jens Axboe &lt;axboe@fb.com&gt;" is axboe@kernel.dk).
    /// </summary>
    static string Shown(Mailmap mailmap, string listed)
    {
        if (EmailOf(listed) is null)
            return listed;
        var written = PersonAddress.Parse(listed);
        var mapped = mailmap.Map(listed);
        return mapped == PersonAddress.Format(written.Name, written.Address) ? listed : mapped;
    }

    /// <summary>The name of "Name &lt;address&gt;" as written (PersonAddress's comes back quoted as get_maintainer.pl prints it).</summary>
    static string? NameOf(string person)
    {
        int open = person.LastIndexOf('<');
        return open > 0 ? person[..open] : null;
    }

    (MaintainersMap? Of, string Value)? signature;

    /// <summary>
    /// The sections' titles and the fields that map files to them (F, X, N, K), hashed: the same MAINTAINERS read from
    /// another place gives the same value, an edit to any of those lines another.
    /// </summary>
    public string Signature
    {
        get
        {
            // Kept with the map it was made of: a reload meanwhile makes it again.
            var map = Map();
            if (signature is not { } known || known.Of != map)
                signature = known = (map, SignatureOf(map));
            return known.Value;
        }
    }

    static string SignatureOf(MaintainersMap? map)
    {
        if (map is null)
            return Section.TheRest;
        var text = new System.Text.StringBuilder();
        foreach (var section in map.Matcher.Sections)
        {
            text.Append(section.Name).Append('\n');
            foreach (var field in section.Fields.Where(f => f.Letter is 'F' or 'X' or 'N' or 'K'))
                text.Append(field.Letter).Append(':').Append(field.Value).Append('\n');
            text.Append('\n');
        }
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    GitMailmap? mailmapAlone;

    /// <summary>The .mailmap of the compiled MAINTAINERS, or, before it is compiled, the configured file read alone.</summary>
    public GitMailmap Mailmap
    {
        get
        {
            lock (gate)
                if (loaded)
                    return snapshot?.Map.Mailmap.Git ?? GitMailmap.Empty;
            return mailmapAlone ??= source.MailmapAlone() ?? Map()?.Mailmap.Git ?? GitMailmap.Empty;
        }
    }

    /// <summary>Every section title in MAINTAINERS (THE REST alone without one): the names a section can be asked for by.</summary>
    public IReadOnlyCollection<string> SectionNames() => Map() is { } map ? SectionsByName(map).Keys : [Section.TheRest];

    Dictionary<string, List<(int Place, Section Section)>>? sectionsByName;
    MaintainersMap? sectionsOf;

    /// <summary>Each section title's sections with their place in MAINTAINERS, made once per map read.</summary>
    Dictionary<string, List<(int Place, Section Section)>> SectionsByName(MaintainersMap map)
    {
        lock (gate)
        {
            if (sectionsByName is null || sectionsOf != map)
            {
                (sectionsByName, sectionsOf) = (new(StringComparer.Ordinal), map);
                var sections = map.Matcher.Sections;
                for (int i = 0; i < sections.Count; i++)
                {
                    if (!sectionsByName.TryGetValue(sections[i].Name, out var list))
                        sectionsByName[sections[i].Name] = list = [];
                    list.Add((i, sections[i]));
                }
            }
            return sectionsByName;
        }
    }

    static string? EmailOf(string person)
    {
        int open = person.LastIndexOf('<');
        int close = person.LastIndexOf('>');
        return open >= 0 && close > open ? person[(open + 1)..close].Trim() : person.Contains('@') ? person.Trim() : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTAINERS and .mailmap read again from {Source}: they changed")]
    static partial void Reloaded(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAINTAINERS or .mailmap cannot be read again ({Problem}): the ones read before stay in use")]
    static partial void NotReloaded(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MAINTAINERS for review debt ({Problem}): every file counts as THE REST")]
    static partial void NoMaintainers(ILogger logger, string problem);
}
