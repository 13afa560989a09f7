using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Review;

namespace ReviewQueue.Review;

/// <summary>Reads seeds/ into a <see cref="ReviewPolicy"/>; every problem names the file and the field.</summary>
public static partial class ReviewSeeds
{
    public const string PolicyFile = "review-policy.json";
    public const string BotsFile = "bots.json";

    public sealed record Result(ReviewPolicy? Policy, IReadOnlyList<string> Problems);

    /// <summary>The seeds folder: as given when absolute or present from here, else beside the program.</summary>
    public static string Resolve(string seeds)
    {
        if (Path.IsPathRooted(seeds) || Directory.Exists(seeds))
            return Path.GetFullPath(seeds);
        var besideProgram = Path.Combine(AppContext.BaseDirectory, seeds);
        return Directory.Exists(besideProgram) ? besideProgram : Path.GetFullPath(seeds);
    }

    public static Result Load(ReviewOptions options) => Load(options, plain: true);

    /// <param name="plain">Read the files from a JSON document where the serializer would read them without a problem
    /// (see ReviewSeeds.Plain.cs); false: by the serializer alone (the tests hold the two to the same results).</param>
    internal static Result Load(ReviewOptions options, bool plain)
    {
        var folder = Resolve(options.Seeds);
        if (!Directory.Exists(folder))
            return new(null, [$"Review:Seeds: no such folder: {options.Seeds} (looked in {Path.GetFullPath(options.Seeds)} and beside the program)"]);
        var problems = new List<string>();
        var policy = Read(folder, PolicyFile, PlainPolicy, () => SeedsJson.Default.PolicyFileShape, problems, plain);
        var bots = Read(folder, BotsFile, PlainBots, () => SeedsJson.Default.BotsFileShape, problems, plain);
        if (policy is null || bots is null)
            return new(null, problems);

        var where = $"Review:Seeds: {Path.Combine(folder, PolicyFile)}";
        if (policy.Trailers is null)
            problems.Add($"{where}: 'trailers' is missing");
        else if (policy.Trailers.Review is not { Count: > 0 })
            problems.Add($"{where}: 'trailers.review' must name at least one trailer");
        if (policy.StaleAfter is not { } stale || stale <= TimeSpan.Zero)
            problems.Add($"{where}: 'staleAfter' must be a positive duration like \"14.00:00:00\"");
        var rules = new List<BotRule>();
        foreach (var (bot, i) in (bots.Bots ?? []).Select((b, i) => (b, i)))
        {
            if (string.IsNullOrWhiteSpace(bot.Match) || !bot.Match.Contains('@'))
                problems.Add($"Review:Seeds: {Path.Combine(folder, BotsFile)}: bots[{i}].match is not an address or pattern");
            else
                rules.Add(new BotRule(string.IsNullOrWhiteSpace(bot.Name) ? bot.Match : bot.Name, bot.Match, bot.AppliedNotices));
        }
        rules.AddRange(options.ExtraBots.Where(b => b.Contains('@')).Select(b => new BotRule(b, b)));
        if (problems.Count > 0)
            return new(null, problems);

        var t = policy.Trailers!;
        return new(new ReviewPolicy(
            t.Review!, t.Ack ?? [], t.Test ?? [], t.Objection ?? [], policy.ObjectionWords ?? [],
            options.TestedByCountsAsReview ?? policy.TestedByCountsAsReview,
            options.StaleAfter ?? policy.StaleAfter!.Value,
            rules,
            options.StableBackportsAreDebt ?? policy.StableBackportsAreDebt), []);
    }

    static T? Read<T>(string folder, string file, Func<string, T?> plainly, Func<JsonTypeInfo<T>> json, List<string> problems, bool plain)
        where T : class
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            problems.Add($"Review:Seeds: {path} is missing");
            return null;
        }
        try
        {
            var text = File.ReadAllText(path);
            return (plain ? plainly(text) : null)
                ?? JsonSerializer.Deserialize(text, json())
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            problems.Add($"Review:Seeds: {path}: {e.Message}");
            return null;
        }
    }

    sealed record PolicyFileShape(
        [property: JsonPropertyName("$comment")] string? Comment,
        TrailerNames? Trailers,
        List<string>? ObjectionWords,
        bool TestedByCountsAsReview,
        TimeSpan? StaleAfter,
        bool StableBackportsAreDebt = false);

    sealed record TrailerNames(List<string>? Review, List<string>? Ack, List<string>? Test, List<string>? Objection, List<string>? NotReview);

    sealed record BotsFileShape(
        [property: JsonPropertyName("$comment")] string? Comment,
        List<BotEntry>? Bots);

    /// <param name="AppliedNotices">Its "This series was applied to …" notices are "Applied" notes (patchwork-bot).</param>
    sealed record BotEntry(string? Name, string? Match, bool AppliedNotices = false);

    /// <summary>
    /// The seed files' JSON, generated at build time: every start reads them, and the reflection-based reader
    /// cost a fresh process ~150 JIT-compiled methods and emitted code before its first command ran.
    /// </summary>
    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
    [JsonSerializable(typeof(PolicyFileShape))]
    [JsonSerializable(typeof(BotsFileShape))]
    sealed partial class SeedsJson : JsonSerializerContext;
}
