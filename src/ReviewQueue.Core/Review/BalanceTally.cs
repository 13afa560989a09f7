using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// <see cref="ReviewerBalances.Measure"/> a topic at a time: the topics may come in any order and in as many turns
/// as wanted, and the report is the one the whole list in its own order gives. Kept per person and per domain:
/// the counts, the review times (their median is wanted) and the name, never the topics.
/// </summary>
public sealed class BalanceTally(ReviewRules rules, Func<string?, bool> isBot, DateTimeOffset asOf, GitMailmap? mailmap = null)
{
    readonly Dictionary<string, Tally> people = new(StringComparer.Ordinal);
    readonly Dictionary<string, Tally> domains = new(StringComparer.Ordinal);
    readonly GitMailmap mailmap = mailmap ?? GitMailmap.Empty;

    public void Add(Topic topic)
    {
        if (topic.FirstPosted > asOf)
            return;
        // A person's name is the first one met in the topics' order: each is met at a place, the smallest is kept.
        int turn = 0;
        // `alike`: the same review given again from this person's other addresses, each one shown where it was counted.
        void Count(string? email, string? name, Action<Tally> add, IEnumerable<GivenTrailer>? alike = null)
        {
            var (key, properName) = Who(email, name);
            if (key is null || isBot(email))
                return;
            var person = Get(people, key);
            person.Named(properName, TopicPlace.Of(topic, turn++));
            foreach (var (e, n) in alike?.Select(t => (t.Email, t.Person)) ?? [(email, name)])
                if (ReviewerBalances.Key(e, n) is { } written && written != key)
                    person.MappedFrom(written);
            add(person);
            if (ReviewerBalances.Domain(key) is { } d)
                add(Get(domains, d));
        }

        foreach (var revision in topic.Revisions)
            foreach (var patch in revision.Patches.Where(p => p.TakenFromRevision is null))
                // Given in a reply (on the patch or its cover): carried copies were counted where they were given. One
                // review per person and patch: an Acked-by on the cover after a Reviewed-by on the patch is the same
                // review again, timed by the first.
                foreach (var mine in patch.Trailers
                    .Where(t => t.AppliesVia is TrailerVia.Patch or TrailerVia.Cover && t.Date <= asOf && CountsAsReview(t, patch.Author))
                    .GroupBy(t => Who(t.Email, t.Person).Key))
                {
                    var t = mine.MinBy(t => t.Date)!;
                    Count(t.Email, t.Person, x => x.Given(t.Date - revision.Posted), mine);
                }

        // A backport asks no review of its author's patches (the change was reviewed upstream); a review someone
        // gives one is still counted as given, above.
        foreach (var patch in ReviewStates.AsksSubsystemReview(topic.Current, rules) ? topic.Current.Patches : [])
        {
            bool reviewed = patch.Trailers.Any(t => t.Date <= asOf && CountsAsReview(t, patch.Author));
            Count(patch.Author.Email, patch.Author.Name, x => x.Needs(reviewed));
        }
    }

    /// <summary>
    /// A review of someone else's patch: as the review state decides, and not given from another of the author's
    /// addresses the mailmap names (a person who acks their own patch from home has given no review, nor received one).
    /// </summary>
    bool CountsAsReview(GivenTrailer t, Person author) =>
        ReviewStates.CountsAsReview(t, author, rules)
        && (Who(t.Email, t.Person).Key is not { } giver || giver != Who(author.Email, author.Name).Key);

    /// <summary>
    /// Who wrote a name and address: the key they are counted under and their name, both as the mailmap says (a person's
    /// work and home addresses are one person, their domain the mapped address's); counted, never stored in the ledger.
    /// </summary>
    (string? Key, string? Name) Who(string? email, string? name)
    {
        var (properName, properEmail) = mailmap.Map(name?.Trim(), email?.Trim());
        return (ReviewerBalances.Key(properEmail, properName), properName);
    }

    public void Add(IEnumerable<Topic> topics)
    {
        foreach (var topic in topics)
            Add(topic);
    }

    public PeopleReport Report() => new(asOf, Sorted(people), Sorted(domains));

    /// <summary>Lowest balance first; the key, unique, ends every tie.</summary>
    static IReadOnlyList<ReviewBalance> Sorted(Dictionary<string, Tally> tallies) =>
        tallies.Select(kv => kv.Value.Result(kv.Key))
            .OrderBy(b => b.Balance).ThenByDescending(b => b.Needed).ThenBy(b => b.Key, StringComparer.Ordinal)
            .ToList();

    static Tally Get(Dictionary<string, Tally> map, string key)
    {
        if (!map.TryGetValue(key, out var t))
            map[key] = t = new Tally();
        return t;
    }

    sealed class Tally
    {
        string? name;
        TopicPlace namedAt;
        int given, needed, received;
        SortedSet<string>? mappedFrom;
        // Review times in any order: Durations sorts them.
        readonly List<TimeSpan> times = [];

        public void Named(string? candidate, TopicPlace at)
        {
            if (string.IsNullOrWhiteSpace(candidate) || (name is not null && at >= namedAt))
                return;
            name = candidate.Trim();
            namedAt = at;
        }

        public void MappedFrom(string written) => (mappedFrom ??= new(StringComparer.Ordinal)).Add(written);

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

        public ReviewBalance Result(string key) => new(key, name, given, needed, received, given - needed, Durations.Of(times))
        {
            MappedFrom = mappedFrom is null ? [] : [.. mappedFrom],
        };
    }
}
