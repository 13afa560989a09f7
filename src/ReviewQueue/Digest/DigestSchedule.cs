using System.Globalization;
using Cronos;

namespace ReviewQueue.Digest;

/// <summary>
/// A subscription's cron schedule (5 fields, UTC). The period a digest belongs to is the latest
/// occurrence at or before now: one digest per period, whenever in the period it is sent.
/// </summary>
public static class DigestSchedule
{
    public const string Daily = "0 7 * * *";

    public static bool TryParse(string every, out CronExpression? cron, out string? problem)
    {
        // Cronos names the field where it stopped ("Months: Unexpected character"), which misleads when one is left out.
        var fields = every.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 5)
        {
            problem = $"\"{every}\" has {fields} fields; give 5: minute hour day-of-month month day-of-week (\"{Daily}\": daily at 07:00 UTC)";
            cron = null;
            return false;
        }
        try
        {
            cron = CronExpression.Parse(every, CronFormat.Standard);
            // A valid expression may name a day that never comes ("0 7 30 2 *"): a subscription that never gets a digest.
            if (cron.GetNextOccurrence(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)) is null)
            {
                problem = $"\"{every}\" never occurs (no such day)";
                cron = null;
                return false;
            }
            problem = null;
            return true;
        }
        catch (CronFormatException e)
        {
            cron = null;
            problem = e.Message;
            return false;
        }
    }

    /// <summary>The period key ("2026-11-26T07:00Z") of the latest occurrence at or before now; null when none in the last 400 days.</summary>
    public static string? Period(string every, DateTimeOffset now) => Latest(every, now) is { } latest ? Key(latest) : null;

    /// <summary>A period's key: its occurrence to the minute, UTC.</summary>
    public static string Key(DateTimeOffset occurrence) =>
        occurrence.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>The latest occurrence at or before now (the current period's start); null when none in the last 400 days.</summary>
    public static DateTimeOffset? Latest(string every, DateTimeOffset now)
    {
        var cron = CronExpression.Parse(every, CronFormat.Standard);
        var utc = now.UtcDateTime;
        // Look back in growing windows so a per-minute schedule does not walk a year of minutes.
        foreach (var window in new[] { TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(400) })
        {
            DateTime? latest = null;
            foreach (var o in cron.GetOccurrences(utc - window, utc, fromInclusive: true, toInclusive: true))
                latest = o;
            if (latest is { } l)
                return new DateTimeOffset(l, TimeSpan.Zero);
        }
        return null;
    }

    /// <summary>
    /// When a subscription made at <paramref name="subscribed"/> gets its first digest: the schedule's first occurrence at
    /// or after it (as a list's digest subscriber gets the next issue, not the last one). A period that began before the
    /// subscription was not the subscriber's; see <see cref="DuePeriod"/>.
    /// </summary>
    public static DateTimeOffset? First(string every, DateTimeOffset subscribed) =>
        CronExpression.Parse(every, CronFormat.Standard).GetNextOccurrence(subscribed.UtcDateTime, inclusive: true) is { } first
            ? new DateTimeOffset(first, TimeSpan.Zero) : null;

    /// <summary>
    /// The period whose digest is due now for a subscription made at <paramref name="subscribed"/>, or null: none began
    /// since it was made. Only the ledger's times decide (the subscription's and the digests recorded per period), so a
    /// restart neither sends a period again nor skips one that began while the service was down.
    /// </summary>
    public static string? DuePeriod(string every, DateTimeOffset subscribed, DateTimeOffset now) =>
        Latest(every, now) is { } latest && latest >= subscribed ? Key(latest) : null;

    public static DateTimeOffset? Next(string every, DateTimeOffset now) =>
        CronExpression.Parse(every, CronFormat.Standard).GetNextOccurrence(now.UtcDateTime) is { } next
            ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <summary>"3d", "12h", "2w", "30m" or a TimeSpan ("3.00:00:00").</summary>
    public static bool TryParseAge(string text, out TimeSpan age)
    {
        text = text.Trim();
        age = default;
        if (text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'w' => TimeSpan.FromDays(7),
                _ => null,
            };
            if (unit is { } u)
            {
                // "9999999w" is more than a TimeSpan holds: a bad value, not a crash of the command.
                if (n > TimeSpan.MaxValue.Ticks / u.Ticks)
                    return false;
                age = u * n;
                return true;
            }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out age) && age >= TimeSpan.Zero;
    }

    /// <summary>
    /// An age as --min-age takes it: the largest of w, d, h, m that counts it whole ("3d", "2w", "36h"); the
    /// ledger keeps the duration, not the text, so "14d" comes back as "2w".
    /// </summary>
    public static string FormatAge(TimeSpan age)
    {
        if (age == TimeSpan.Zero)
            return "0d";
        foreach (var (unit, letter) in new[] { (TimeSpan.FromDays(7), 'w'), (TimeSpan.FromDays(1), 'd'), (TimeSpan.FromHours(1), 'h'), (TimeSpan.FromMinutes(1), 'm') })
            if (age.Ticks % unit.Ticks == 0)
                return (age.Ticks / unit.Ticks).ToString(CultureInfo.InvariantCulture) + letter;
        return age.ToString("c", CultureInfo.InvariantCulture); // seconds: only the TimeSpan form says them
    }
}
