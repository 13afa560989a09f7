using ReviewQueue.Core.Review;

namespace ReviewQueue.Core.Tests.Review;

/// <summary>A tiny MAINTAINERS: hwmon and i2c by directory, everything else THE REST.</summary>
sealed class TestSubsystems : ISubsystemMap
{
    public const string Hwmon = "HARDWARE MONITORING";
    public const string I2c = "I2C SUBSYSTEM";
    public const string Rest = "THE REST";

    static readonly Dictionary<string, string[]> People = new()
    {
        [Hwmon] = ["Mia Maintainer <mia@example.org>", "Rob Reviewer <rob@example.org>"],
        [I2c] = ["Ivo Two <ivo@i2c.example.net>"],
        [Rest] = ["Linus <torvalds@example.org>"],
    };

    public IReadOnlyList<string> SectionsOf(IReadOnlyList<string> files) =>
        files.Select(f => f.StartsWith("drivers/hwmon/", StringComparison.Ordinal) ? Hwmon
                : f.StartsWith("drivers/i2c/", StringComparison.Ordinal) ? I2c : Rest)
            .Distinct().ToList();

    public IReadOnlyList<string> SuggestedReviewers(IReadOnlyList<string> sections, string? authorEmail, string? authorName = null) =>
        sections.SelectMany(s => People.GetValueOrDefault(s, []))
            .Where(r => authorEmail is null || !r.Contains($"<{authorEmail}>", StringComparison.OrdinalIgnoreCase))
            .Distinct().ToList();
}
