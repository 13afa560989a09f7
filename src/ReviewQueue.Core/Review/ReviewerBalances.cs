using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// Who reviews and who only submits: per person (by address) and per mail domain, the reviews given
/// on others' patches against the reviews their own patches need (DOMAIN.md 6). Bots are nobody.
/// </summary>
public static class ReviewerBalances
{
    public static PeopleReport Measure(IReadOnlyList<Topic> topics, ReviewRules rules, Func<string?, bool> isBot, DateTimeOffset asOf)
    {
        var people = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var domains = new Dictionary<string, Tally>(StringComparer.Ordinal);
        void Count(string? email, string? name, Action<Tally> add)
        {
            var key = Key(email, name);
            if (key is null || isBot(email))
                return;
            add(Get(people, key, name));
            if (Domain(key) is { } d)
                add(Get(domains, d, null));
        }

        foreach (var topic in topics.Where(t => t.FirstPosted <= asOf))
        {
            foreach (var revision in topic.Revisions)
                foreach (var patch in revision.Patches.Where(p => p.TakenFromRevision is null))
                    foreach (var t in patch.Trailers)
                        // Given in a reply (on the patch or its cover): carried copies were counted where they were given.
                        if (t.AppliesVia is TrailerVia.Patch or TrailerVia.Cover && t.Date <= asOf && ReviewStates.CountsAsReview(t, patch.Author, rules))
                            Count(t.Email, t.Person, x => x.Given(t.Date - revision.Posted));

            var current = topic.Current;
            foreach (var patch in current.Patches)
            {
                bool reviewed = patch.Trailers.Any(t => t.Date <= asOf && ReviewStates.CountsAsReview(t, patch.Author, rules));
                Count(patch.Author.Email, patch.Author.Name, x => x.Needs(reviewed));
            }
        }
        return new PeopleReport(asOf, Sorted(people), Sorted(domains));
    }

    static IReadOnlyList<ReviewBalance> Sorted(Dictionary<string, Tally> tallies) =>
        tallies.Select(kv => kv.Value.Result(kv.Key))
            .OrderBy(b => b.Balance).ThenByDescending(b => b.Needed).ThenBy(b => b.Key, StringComparer.Ordinal)
            .ToList();

    static Tally Get(Dictionary<string, Tally> map, string key, string? name)
    {
        if (!map.TryGetValue(key, out var t))
            map[key] = t = new Tally();
        if (t.Name is null && !string.IsNullOrWhiteSpace(name))
            t.Name = name.Trim();
        return t;
    }

    static string? Key(string? email, string? name)
    {
        if (!string.IsNullOrWhiteSpace(email))
            return email.Trim().ToLowerInvariant();
        return string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }

    public static string? Domain(string key)
    {
        int at = key.LastIndexOf('@');
        return at < 0 || at == key.Length - 1 ? null : key[(at + 1)..];
    }

    sealed class Tally
    {
        public string? Name;
        int given, needed, received;
        readonly List<TimeSpan> times = [];

        public void Given(TimeSpan took)
        {
            given++;
            times.Add(took);
        }

        public void Needs(bool reviewed)
        {
            needed++;
            if (reviewed)
                received++;
        }

        public ReviewBalance Result(string key) => new(key, Name, given, needed, received, given - needed, Durations.Of(times));
    }
}
