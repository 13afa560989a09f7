using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Series;

/// <summary>
/// The driver tag some subsystems write after the subsystem prefix: "hwmon: (lm90) fix …", "hwmon: (pmbus/core) …",
/// "dt-bindings: hwmon: (lm75) …". A maintainer who asks "please use the driver name in the subject" gets a v2 whose
/// title differs from v1's by that tag alone.
/// </summary>
static partial class DriverTag
{
    /// <summary>A normalized title (<see cref="TopicLinker.Normalize"/>) without its tag, or null when it has none.</summary>
    public static string? Without(string title)
    {
        var m = Tagged().Match(title);
        return m.Success ? m.Groups["prefix"].Value + m.Groups["rest"].Value : null;
    }

    // One or more "word:" prefixes, then the tag in parentheses, then the rest of the title.
    [GeneratedRegex(@"^(?<prefix>(?:[\w./+-]+: )+)\([^()]+\) (?<rest>.+)$")]
    private static partial Regex Tagged();
}
