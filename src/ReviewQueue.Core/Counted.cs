using System.Globalization;

namespace ReviewQueue.Core;

/// <summary>A number with its noun, singular for exactly one ("1 patch", "2 patches", "0 patches", "1.5 days").</summary>
public static class Counted
{
    public static string Of(long n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + Noun(n, one, many);

    /// <summary>A measure shown with at most one decimal ("0.#"), singular only when it shows as 1.</summary>
    public static string Of(double n, string one, string many)
    {
        var shown = n.ToString("0.#", CultureInfo.InvariantCulture);
        return shown + " " + (shown == "1" ? one : many);
    }

    /// <summary>The noun alone, for a number said elsewhere (a structured log's placeholder).</summary>
    public static string Noun(long n, string one, string many) => n == 1 ? one : many;
}
