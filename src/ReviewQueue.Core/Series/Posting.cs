namespace ReviewQueue.Core.Series;

/// <summary>One sending of a series: the mails of one version by one sender, threaded or sent together.</summary>
sealed class Posting
{
    public required SeriesMail Root { get; init; }
    public SortedDictionary<int, SeriesMail> Members { get; } = [];

    public string Id => Root.MessageId;
    public string Sender => Root.FromEmail.ToLowerInvariant();

    /// <summary>
    /// The sender's name when it can tell a person from their address: two words or more, no address in it, lower case
    /// and single-spaced (an author who posts v3 from one address and v4 from another is one sender); else null.
    /// </summary>
    public string? SenderName => PersonName(Root.FromName);

    internal static string? PersonName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('@'))
            return null;
        var words = name.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words.All(w => w.Any(char.IsLetter)) ? string.Join(' ', words).ToLowerInvariant() : null;
    }
    public DateTimeOffset Date => Members.Values.Min(m => m.Date);
    public SeriesMail? Cover => Members.TryGetValue(0, out var c) && (c.Kind == SeriesMailKind.Cover || !c.HasDiff) ? c : null;
    public int Total => Members.Values.Max(m => m.Total);
    public bool VersionInferred => Members.Values.All(m => m.VersionInferred);
    /// <summary>The version the cover letter writes, else the highest a member writes (a patch's typo does not outvote its cover).</summary>
    public int Version => Cover is { VersionInferred: false } cover
        ? cover.Version
        : Members.Values.Where(m => !m.VersionInferred).Select(m => m.Version).DefaultIfEmpty(1).Max();
    public int? VersionMinor => Members.Values.Select(m => m.VersionMinor).FirstOrDefault(v => v is not null);
    public bool Resend => Members.Values.Any(m => m.Resend);
    public bool Rfc => Members.Values.Any(m => m.Rfc);
    /// <summary>The stable tree the cover names, else the first member that names one: a backport's target.</summary>
    public string? StableTree => Cover?.StableTree ?? Members.Values.Select(m => m.StableTree).FirstOrDefault(t => t is not null);
    public string? ChangeId => Members.Values.Select(m => m.ChangeId).FirstOrDefault(c => c is not null);
    public string? BaseCommit => Cover?.BaseCommit ?? Members.Values.Select(m => m.BaseCommit).FirstOrDefault(c => c is not null);

    /// <summary>The cover letter's title, else the first patch's.</summary>
    public string Title => (Cover ?? Members.Values.First()).Title;

    public IEnumerable<SeriesMail> Patches => Members.Where(kv => kv.Key > 0 || kv.Value != Cover).Select(kv => kv.Value);

    public bool Complete => Total > 0 && Enumerable.Range(1, Total).All(Members.ContainsKey);
}
