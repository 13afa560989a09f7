using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;

namespace ReviewQueue.Commands;

/// <summary>
/// A tree name given on the command line (`trees sync NAME`, `check --tree`, `maintainers --tree`): one of Trees,
/// or a usage error (64) that names the watched trees, the same for every command.
/// </summary>
public static class TreeName
{
    /// <summary>True (and said on stderr) when <paramref name="name"/> is given and no watched tree has it.</summary>
    public static bool IsUnknown(IServiceProvider services, string? name, string command)
    {
        if (name is null)
            return false;
        var trees = services.GetRequiredService<IOptions<TreeList>>().Value.Trees;
        if (trees.Any(t => t.Name == name))
            return false;
        var watched = trees.Count == 0 ? "no tree is configured" : "watched: " + string.Join(", ", trees.Select(t => t.Name));
        Console.Error.WriteLine($"reviewqueue: {command}: no tree named {name} in Trees ({watched})");
        return true;
    }
}
