using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace ReviewQueue.Configuration;

/// <summary>
/// The top-level sections ReviewQueue reads, whatever the command. A section name it does not know would
/// otherwise be ignored without a word (a typo'd "Ledgr" leaves the ledger at its default path), so a JSON
/// file may hold only these, and an environment variable that looks like a typo of one stops the start.
/// </summary>
public static class KnownSections
{
    /// <summary>
    /// Every ISectionOptions.Section (a test holds this list to them), and what the host itself reads or the
    /// shipped appsettings.json carries (Logging, AllowedHosts, and ASP.NET Core's Kestrel, which `run`'s web
    /// host reads as WebApplication.CreateBuilder would).
    /// </summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        LedgerOptions.Section, ImportOptions.Section, SamplesOptions.Section, WebOptions.Section,
        ReviewOptions.Section, MaintainersOptions.Section, TreeList.Section, TreeSyncOptions.Section,
        ImapOptions.Section, SmtpOptions.Section, DigestOptions.Section, ArchiveOptions.Section,
        "Logging", "AllowedHosts", KestrelSection.Section,
    ];

    static readonly HashSet<string> known = new(Names, StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string name) => known.Contains(name);

    /// <summary>Each top-level key of each loaded JSON file that is not a known section, said with the file's name.</summary>
    /// <param name="configFile">The --config file as given, to name it as the operator wrote it.</param>
    public static IEnumerable<string> CheckFiles(IConfigurationRoot root, string? configFile)
    {
        var given = configFile is null ? null : Path.GetFullPath(configFile);
        foreach (var provider in root.Providers.OfType<JsonConfigurationProvider>())
        {
            var file = ConfigurationSetup.PathOf(provider);
            var label = file is not null && file == given ? $"--config {configFile}" : file;
            foreach (var name in provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !IsKnown(n)))
                yield return $"{label}: unknown section \"{name}\" ({Hint(name)})";
        }
    }

    /// <summary>
    /// Environment variables `X__…` whose X is not a section but is a near miss of one. Unrelated variables
    /// (PATH, DOTNET_gcServer, FOO__BAR) pass: the environment is not ReviewQueue's alone.
    /// </summary>
    public static IEnumerable<string> CheckEnvironment(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string variable)
                continue;
            var end = variable.IndexOf("__", StringComparison.Ordinal);
            if (end <= 0)
                continue;
            var name = variable[..end];
            if (IsKnown(name))
                continue;
            var nearest = Nearest(name, MistakeAllowed);
            if (nearest is not null)
                yield return $"environment: {variable}: unknown section \"{name}\" (did you mean \"{nearest}\"?)";
        }
    }

    /// <summary>
    /// How far a variable's name may be from a section to count as its typo: two edits, but one for the short
    /// names (Web, Imap, Smtp), which two edits would confuse with common variables (DB__HOST, IMAGE__TAG).
    /// </summary>
    static int MistakeAllowed(string section) => section.Length <= 4 ? 1 : 2;

    static string Hint(string name) =>
        Nearest(name, _ => 2) is { } nearest
            ? $"did you mean \"{nearest}\"?"
            : $"known sections: {string.Join(", ", Names)}";

    /// <summary>The known section closest to <paramref name="name"/> within the allowed edits, or null.</summary>
    public static string? Nearest(string name, Func<string, int> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var section in Names)
        {
            var limit = allowed(section);
            if (Math.Abs(section.Length - name.Length) > limit)
                continue;
            var d = Distance(name.ToLowerInvariant(), section.ToLowerInvariant());
            if (d <= limit && d < bestDistance)
                (best, bestDistance) = (section, d);
        }
        return best;
    }

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) from one word to the other.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
