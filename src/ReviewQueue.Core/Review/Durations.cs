namespace ReviewQueue.Core.Review;

/// <summary>How long something took, over a number of samples: median and 90th percentile, in hours.</summary>
public sealed record Durations(int Samples, double? MedianHours, double? P90Hours)
{
    public static readonly Durations None = new(0, null, null);

    public static Durations Of(IEnumerable<TimeSpan> spans)
    {
        var hours = spans.Select(s => Math.Max(0, s.TotalHours)).Order().ToList();
        if (hours.Count == 0)
            return None;
        return new Durations(hours.Count, Round(Percentile(hours, 0.5)), Round(Percentile(hours, 0.9)));
    }

    /// <summary>Nearest-rank percentile of sorted values (the value a p-share of samples do not exceed).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        int rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    static double Round(double hours) => Math.Round(hours, 1);
}
