using System.Globalization;

namespace ReviewQueue.Benchmarks;

/// <summary>"--name value" pairs.</summary>
public sealed class BenchArgs(Dictionary<string, string> values)
{
    public static BenchArgs Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
            values[args[i].TrimStart('-')] = args[i + 1];
        return new BenchArgs(values);
    }

    public string Text(string name, string? fallback = null) =>
        values.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
