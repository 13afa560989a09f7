using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// Who reviews and who only submits: per person (by address) and per mail domain, the reviews given
/// on others' patches against the reviews their own patches need (DOMAIN.md 6). Bots are nobody.
/// </summary>
public static class ReviewerBalances
{
    public static PeopleReport Measure(IReadOnlyList<Topic> topics, ReviewRules rules, Func<string?, bool> isBot, DateTimeOffset asOf,
        GitMailmap? mailmap = null)
    {
        var tally = new BalanceTally(rules, isBot, asOf, mailmap);
        tally.Add(topics);
        return tally.Report();
    }

    /// <summary>Who someone is: their address in lower case, else their name.</summary>
    internal static string? Key(string? email, string? name)
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
}
