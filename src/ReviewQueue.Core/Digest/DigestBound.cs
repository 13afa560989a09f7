namespace ReviewQueue.Core.Digest;

/// <summary>
/// How many series a digest shows: at most <paramref name="PerSection"/> in each section and <paramref name="InAll"/> in
/// the whole digest; the others are counted and linked to on the dashboard. A digest of every section of a list as busy as
/// LKML (thousands waiting, about 1.2 KB of mail each) passed Postfix's default message_size_limit of 10 MB and was refused.
/// </summary>
public sealed record DigestBound(int PerSection, int InAll)
{
    /// <summary>Every series shown.</summary>
    public static readonly DigestBound None = new(int.MaxValue, int.MaxValue);
}

/// <summary>
/// One section as a digest shows it: how many series it lists there, the first of them, shown, and how many its dashboard
/// page lists (more where the digest lists a series under another section, or leaves out the young).
/// </summary>
public sealed record DigestSection(string Name, int Waiting, IReadOnlyList<DigestSeries> Shown, int OnPage)
{
    public int NotShown => Waiting - Shown.Count;
}
