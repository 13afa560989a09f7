namespace ReviewQueue.Configuration;

/// <summary>One entry of "Trees": a git repository ReviewQueue watches, and which of its branches.</summary>
public sealed class TreeOptions
{
    public string Name { get; set; } = "";
    public string Path { get; set; } = "";
    public string? Remote { get; set; }
    public List<string> Branches { get; set; } = [];
}
