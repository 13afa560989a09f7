using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewQueue.Configuration;

/// <summary>"Trees": the list of watched trees (a JSON array, so it is bound item by item).</summary>
public sealed class TreeList : ISectionOptions
{
    public static string Section => "Trees";

    public List<TreeOptions> Trees { get; set; } = [];

    /// <summary>Keys in an entry that TreeOptions does not have (a typo would otherwise be ignored).</summary>
    readonly List<string> unknownKeys = [];

    /// <summary>Trees whose Branches is one name, not a list (said among <see cref="unknownKeys"/>, not as empty).</summary>
    readonly HashSet<int> branchesNotAList = [];

    public TreeOptions? Find(string name) => Trees.FirstOrDefault(t => t.Name == name);

    public IEnumerable<string> Validate()
    {
        foreach (var problem in unknownKeys)
            yield return problem;
        var names = new HashSet<string>(StringComparer.Ordinal);
        // Path of each tree fetching a Remote: it keeps the branches under refs/remotes/reviewqueue/, so another Remote
        // fetched into the same repository would overwrite them (both have master) or prune them (a fetch removes what
        // its remote lacks), and `check` or MAINTAINERS would read the other tree's branch.
        var fetchedInto = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Trees.Count; i++)
        {
            var t = Trees[i];
            var key = $"Trees:{i}";
            if (!string.IsNullOrWhiteSpace(t.Path) && !string.IsNullOrWhiteSpace(t.Remote))
            {
                var path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(t.Path));
                if (fetchedInto.TryGetValue(path, out var other) && Trees[other].Remote != t.Remote)
                    yield return $"{key}:Path is Trees:{other}:Path too, which fetches another Remote into it: {t.Path} (give each Remote a Path of its own)";
                else
                    fetchedInto.TryAdd(path, i);
            }
            if (string.IsNullOrWhiteSpace(t.Name))
                yield return $"{key}:Name is missing";
            else if (!names.Add(t.Name))
                yield return $"{key}:Name repeats another tree's name: {t.Name}";
            if (string.IsNullOrWhiteSpace(t.Path))
                yield return $"{key}:Path is missing";
            else if (t.Remote is null && !Directory.Exists(t.Path))
                yield return $"{key}:Path does not exist: {t.Path} (give a git repository, or a Remote to fetch into a new one)";
            else if (File.Exists(t.Path))
                yield return $"{key}:Path names a file, not a repository: {t.Path}";
            if (t.Remote is not null && string.IsNullOrWhiteSpace(t.Remote))
                yield return $"{key}:Remote is empty: give a URL or leave it out";
            if (t.Branches.Count == 0 && !branchesNotAList.Contains(i))
                yield return $"{key}:Branches is empty: name at least one branch to watch";
            for (int b = 0; b < t.Branches.Count; b++)
                if (string.IsNullOrWhiteSpace(t.Branches[b]) || t.Branches[b].Contains(' ') || t.Branches[b].Contains(':'))
                    yield return $"{key}:Branches:{b} is not a branch name: '{t.Branches[b]}'";
        }
    }

    void BindFrom(IConfigurationSection section)
    {
        var known = typeof(TreeOptions).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // "Trees": { "Name": … } (one tree, not a list of them) binds its keys as trees: each would be said missing its
        // Name, Path and Branches under a key the file does not have (Trees:0:Name).
        if (section.GetChildren().Any(entry => !int.TryParse(entry.Key, out _)))
        {
            unknownKeys.Add($"{Section} is not a list: give each tree as an entry of one, \"{Section}\": [ {{ \"Name\": …, \"Path\": …, \"Branches\": [ … ] }} ]");
            return;
        }
        foreach (var entry in section.GetChildren())
        {
            var tree = new TreeOptions();
            entry.Bind(tree);
            Trees.Add(tree);
            // "Branches": "master" binds as no branch at all, which "Branches is empty" would then say.
            if (entry.GetSection(nameof(TreeOptions.Branches)).Value is { } single && branchesNotAList.Add(Trees.Count - 1))
                unknownKeys.Add($"{Section}:{entry.Key}:{nameof(TreeOptions.Branches)} is one name, not a list: give [\"{single}\"] ({Section}__{entry.Key}__{nameof(TreeOptions.Branches)}__0={single} in the environment)");
            foreach (var key in entry.GetChildren().Select(c => c.Key).Where(k => !known.Contains(k)))
                unknownKeys.Add($"{Section}:{entry.Key}:{key} is not a tree setting (Name, Path, Remote, Branches): '{key}'");
        }
    }

    /// <summary>Binds the array strictly (an unknown key in an entry is an error) and validates it at start.</summary>
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TreeList>()
            .Configure(list => list.BindFrom(configuration.GetSection(Section)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TreeList>, SectionValidator<TreeList>>();
        SectionCheck.Register<TreeList>(services, configuration);
        return services;
    }
}
