using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// A patch subject taken apart (b4's LoreSubject, Patchwork's experience). What was not written
/// but assumed is listed in <see cref="Inferred"/>, e.g. "version" when no vN was given (1 assumed).
/// </summary>
/// <param name="Raw">The Subject header as decoded (RFC 2047), unfolded.</param>
/// <param name="Prefixes">Every token of the leading bracket groups, as written, in order.</param>
/// <param name="Version">vN; 1 when none was written.</param>
/// <param name="SubVersion">The ".1" of a partial re-roll <c>v5.1</c>.</param>
/// <param name="Index">n of n/m; 1 when no counter was written.</param>
/// <param name="Total">m of n/m; 1 when no counter was written.</param>
/// <param name="Tree">A tree or branch name among the prefixes (net-next, 6.1, hwmon-next).</param>
/// <param name="IsReply">A reply prefix (Re:, Aw:, Fwd:, …) stood before the title or the brackets.</param>
/// <param name="ReplyPrefixes">The reply prefixes as written (stacked ones all listed).</param>
/// <param name="Title">The subject without reply prefixes, bracket groups and "(vN)".</param>
/// <param name="Inferred">What was assumed rather than read: "version", "counter", "version-from-title".</param>
public sealed partial record SubjectLine(
    string Raw,
    IReadOnlyList<string> Prefixes,
    int Version,
    int? SubVersion,
    int Index,
    int Total,
    bool Patch,
    bool Rfc,
    bool Resend,
    string? Tree,
    bool IsReply,
    IReadOnlyList<string> ReplyPrefixes,
    string Title,
    IReadOnlyList<string> Inferred)
{
    public const string InferredVersion = "version";
    public const string InferredCounter = "counter";
    public const string VersionFromTitle = "version-from-title";

    /// <summary>True when the subject wrote a counter (n/m, 1 of 2, PATCH1/8).</summary>
    public bool HasCounter => !Inferred.Contains(InferredCounter);

    /// <summary>"5" or "5.1".</summary>
    public string VersionText => SubVersion is { } s ? $"{Version}.{s}" : Version.ToString();

    public static SubjectLine Parse(string? subject) => SubjectParser.Parse(subject);

    /// <summary>
    /// The stable tree a backport is for, as "major.minor" (<c>[PATCH 5.10]</c>, <c>[PATCH 6.1.y]</c>,
    /// <c>[PATCH linux-5.15.y]</c>, <c>[PATCH 6.6.12]</c>, <c>[PATCH 5.15-stable]</c>); null for a
    /// subject that names none (net, net-next, hwmon-next, or no tree at all).
    /// </summary>
    public string? StableTree => Prefixes.Select(StableTreeOf).FirstOrDefault(t => t is not null);

    /// <summary>"major.minor" when the token names a stable tree or branch, else null (v5.1 is a version, not a tree).</summary>
    public static string? StableTreeOf(string token)
    {
        var m = StableToken().Match(token);
        return m.Success ? $"{int.Parse(m.Groups[1].Value)}.{int.Parse(m.Groups[2].Value)}" : null;
    }

    [GeneratedRegex(@"^(?:linux-|stable-)?([0-9]{1,2})\.([0-9]{1,3})(?:\.(?:[0-9]{1,3}|y))?(?:-stable)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StableToken();
}
