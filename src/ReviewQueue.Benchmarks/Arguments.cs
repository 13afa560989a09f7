namespace ReviewQueue.Benchmarks;

/// <summary>"--name value" and "--flag" options.</summary>
sealed class Arguments(string[] args)
{
    public string? Value(string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public bool Flag(string name) => args.Contains(name);
}
