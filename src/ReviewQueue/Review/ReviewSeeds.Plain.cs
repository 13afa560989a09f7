using System.Globalization;
using System.Text.Json;

namespace ReviewQueue.Review;

/// <summary>
/// The seed files read from a <see cref="JsonDocument"/> (which the configuration's JSON files already loaded), not by
/// the serializer: every command reads them at start, and the serializer's first use (its options, the metadata of
/// records built through their constructors, TimeSpan? converters) was about 75 JIT-compiled methods of a start of
/// ~370. Only a file the serializer would read without a word is read here, to the same values; anything else (an
/// unknown or repeated field, a value of another kind, a duration not written as <c>[d.]hh:mm:ss[.fffffff]</c>, a
/// file that does not parse) gives null, and the serializer reads it and words the problem as it always did.
/// </summary>
public static partial class ReviewSeeds
{
    static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Whether <paramref name="text"/>, as the seed file <paramref name="file"/>, is read here (for the tests).</summary>
    internal static bool ReadsPlainly(string file, string text) =>
        file == PolicyFile ? PlainPolicy(text) is not null : PlainBots(text) is not null;

    static PolicyFileShape? PlainPolicy(string text) => Plain(text, root =>
    {
        string? comment = null;
        TrailerNames? trailers = null;
        List<string>? words = null;
        bool tested = false, backports = false;
        TimeSpan? stale = null;
        foreach (var p in Fields(root))
        {
            bool ok = Named(p, "$comment") ? Text(p.Value, out comment)
                : Named(p, nameof(PolicyFileShape.Trailers)) ? Trailers(p.Value, out trailers)
                : Named(p, nameof(PolicyFileShape.ObjectionWords)) ? Texts(p.Value, out words)
                : Named(p, nameof(PolicyFileShape.TestedByCountsAsReview)) ? Flag(p.Value, out tested)
                : Named(p, nameof(PolicyFileShape.StaleAfter)) ? Duration(p.Value, out stale)
                : Named(p, nameof(PolicyFileShape.StableBackportsAreDebt)) && Flag(p.Value, out backports);
            if (!ok)
                return null;
        }
        return new PolicyFileShape(comment, trailers, words, tested, stale, backports);
    });

    static BotsFileShape? PlainBots(string text) => Plain(text, root =>
    {
        string? comment = null;
        List<BotEntry>? bots = null;
        foreach (var p in Fields(root))
        {
            bool ok = Named(p, "$comment") ? Text(p.Value, out comment)
                : Named(p, nameof(BotsFileShape.Bots)) && Bots(p.Value, out bots);
            if (!ok)
                return null;
        }
        return new BotsFileShape(comment, bots);
    });

    static T? Plain<T>(string text, Func<JsonElement, T?> read) where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(text, Lenient);
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null; // the serializer reads it again and says what is wrong
        }
    }

    /// <summary>An object's fields; a name given twice (in any case) throws, which leaves the file to the serializer.</summary>
    static IEnumerable<JsonProperty> Fields(JsonElement element)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in element.EnumerateObject())
        {
            if (!seen.Add(p.Name))
                throw new InvalidOperationException($"'{p.Name}' is given twice");
            yield return p;
        }
    }

    // The serializer matches names in any case (PropertyNameCaseInsensitive), by its ordinal-ignore-case comparer.
    static bool Named(JsonProperty p, string name) => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase);

    static bool Trailers(JsonElement e, out TrailerNames? trailers)
    {
        trailers = null;
        if (e.ValueKind == JsonValueKind.Null)
            return true;
        if (e.ValueKind != JsonValueKind.Object)
            return false;
        List<string>? review = null, ack = null, test = null, objection = null, notReview = null;
        foreach (var p in Fields(e))
        {
            bool ok = Named(p, nameof(TrailerNames.Review)) ? Texts(p.Value, out review)
                : Named(p, nameof(TrailerNames.Ack)) ? Texts(p.Value, out ack)
                : Named(p, nameof(TrailerNames.Test)) ? Texts(p.Value, out test)
                : Named(p, nameof(TrailerNames.Objection)) ? Texts(p.Value, out objection)
                : Named(p, nameof(TrailerNames.NotReview)) && Texts(p.Value, out notReview);
            if (!ok)
                return false;
        }
        trailers = new TrailerNames(review, ack, test, objection, notReview);
        return true;
    }

    static bool Bots(JsonElement e, out List<BotEntry>? bots) => Items(e, Bot, out bots);

    static BotEntry? Bot(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return null;
        string? name = null, match = null;
        bool applied = false;
        foreach (var p in Fields(e))
        {
            bool ok = Named(p, nameof(BotEntry.Name)) ? Text(p.Value, out name)
                : Named(p, nameof(BotEntry.Match)) ? Text(p.Value, out match)
                : Named(p, nameof(BotEntry.AppliedNotices)) && Flag(p.Value, out applied);
            if (!ok)
                return null;
        }
        return new BotEntry(name, match, applied);
    }

    static bool Text(JsonElement e, out string? text)
    {
        text = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return e.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }

    static bool Texts(JsonElement e, out List<string>? texts) =>
        Items(e, item => item.ValueKind == JsonValueKind.String ? item.GetString() : null, out texts);

    /// <summary>An array (or null) whose every item <paramref name="read"/> takes; an item it cannot take (null) fails the whole.</summary>
    static bool Items<T>(JsonElement e, Func<JsonElement, T?> read, out List<T>? items) where T : class
    {
        items = null;
        if (e.ValueKind == JsonValueKind.Null)
            return true;
        if (e.ValueKind != JsonValueKind.Array)
            return false;
        var list = new List<T>();
        foreach (var element in e.EnumerateArray())
        {
            if (read(element) is not { } item)
                return false;
            list.Add(item);
        }
        items = list;
        return true;
    }

    static bool Flag(JsonElement e, out bool flag)
    {
        flag = e.ValueKind == JsonValueKind.True;
        return e.ValueKind is JsonValueKind.True or JsonValueKind.False;
    }

    /// <summary>
    /// A duration as the serializer's TimeSpan reader takes it (the constant format), only in its plain spelling:
    /// <c>[-][d.]hh:mm:ss[.f…]</c> with two-digit hours, minutes and seconds. Another spelling is left to the serializer.
    /// </summary>
    static bool Duration(JsonElement e, out TimeSpan? duration)
    {
        duration = null;
        if (e.ValueKind == JsonValueKind.Null)
            return true;
        if (e.ValueKind != JsonValueKind.String || e.GetString() is not { } s || !PlainDuration(s))
            return false;
        if (!TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out var value))
            return false;
        duration = value;
        return true;
    }

    static bool PlainDuration(string s)
    {
        int i = s.StartsWith('-') ? 1 : 0;
        int days = Digits(s, i);
        if (days > 0 && i + days < s.Length && s[i + days] == '.')
            i += days + 1; // the days, then the time
        if (!(Digits(s, i) == 2 && At(s, i + 2, ':') && Digits(s, i + 3) == 2 && At(s, i + 5, ':') && Digits(s, i + 6) == 2))
            return false;
        i += 8;
        if (i == s.Length)
            return true;
        int fraction = At(s, i, '.') ? Digits(s, i + 1) : 0;
        return fraction is >= 1 and <= 7 && i + 1 + fraction == s.Length;
    }

    static int Digits(string s, int from)
    {
        int n = 0;
        while (from + n < s.Length && char.IsAsciiDigit(s[from + n]))
            n++;
        return n;
    }

    static bool At(string s, int i, char c) => i < s.Length && s[i] == c;
}
