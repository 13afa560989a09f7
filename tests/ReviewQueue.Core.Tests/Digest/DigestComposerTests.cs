using MimeKit;
using ReviewQueue.Core.Digest;
using ReviewQueue.TestSupport;

namespace ReviewQueue.Core.Tests.Digest;

public sealed class DigestComposerTests
{
    static readonly DigestLinks Links = new("https://rq.example.org", "https://rq.example.org/unsubscribe/0123abcd");

    // Two subsystems; hwmon has a young fix, an old feature and a middle-aged one: the fix comes first,
    // then oldest first. A long title and a long reviewer list must wrap at 72 columns.
    static DigestContent Sample() => new("maintainer@example.org", "2026-11-26T07:00Z",
    [
        new DigestSubsystem("SPI SUBSYSTEM",
        [
            new DigestSeries("17", "spi: dw: add DMA support for the Designware SPI controller", "v3", TimeSpan.FromDays(5), 1, 4,
                "Ana Ramos <ana@example.com>", ["Mark Brown <broonie@kernel.org>"], false, "20261121-dw-dma-v3-0-ana@example.com"),
        ]),
        new DigestSubsystem("HARDWARE MONITORING",
        [
            new DigestSeries("42", "hwmon: (pmbus) add support for the Infineon XDPE1A2G5B multi-phase voltage regulator with telemetry",
                "v1", TimeSpan.FromDays(21), 0, 2, "Ada Author <ada@example.org>",
                ["Guenter Roeck <linux@roeck-us.net>", "Jean Delvare <jdelvare@suse.com>", "Zoë Ünicode <zoe@example.net>"],
                false, "20261105.123456-1-ada@example.org"),
            new DigestSeries("43", "hwmon: (lm75) fix overflow of negative temperatures", "v2", TimeSpan.FromHours(30), 0, 1,
                "Bo Fixer <bo@example.org>", [], true, "20261125-lm75-v2-1-bo@example.org"),
            new DigestSeries("44", "hwmon: (nct6775) tidy register tables", "v4", TimeSpan.FromDays(9), 2, 3,
                "Cy Tidy <cy@example.org>", ["Guenter Roeck <linux@roeck-us.net>"], false, "cover.1732000000.git.cy@example.org"),
        ]),
    ]);

    [Fact]
    public void ASeriesListedUnderTwoSubsystemsCountsOnce()
    {
        var spi = Sample().Subsystems[0].Series[0];
        var content = Sample() with { Subsystems = [.. Sample().Subsystems, new DigestSubsystem("THE REST", [spi])] };
        Assert.Equal(4, content.SeriesCount);
        Assert.StartsWith("4 series wait", DigestComposer.PlainText(content, Links).TrimStart());
    }

    [Fact]
    public void PlainTextMatchesTheExpectedFile() => Snapshot("sample.txt", DigestComposer.PlainText(Sample(), Links));

    [Fact]
    public void HtmlMatchesTheExpectedFile() => Snapshot("sample.html", DigestComposer.Html(Sample(), Links));

    [Fact]
    public void WithoutAnArchiveNoSeriesLinksToOne()
    {
        var links = Links with { Archive = "" };
        var text = DigestComposer.PlainText(Sample(), links);
        var html = DigestComposer.Html(Sample(), links);

        Assert.DoesNotContain("Mail:", text);
        Assert.DoesNotContain("lore.kernel.org", text);
        Assert.DoesNotContain("lore.kernel.org", html);
        Assert.DoesNotContain("archive", html);
        Assert.Contains("  Dashboard: https://rq.example.org/series/43", text);
    }

    [Fact]
    public void APrivateArchiveIsLinkedWithTheMessageIdAppended()
    {
        var links = Links with { Archive = "https://inbox.example.org/hwmon" };

        Assert.Contains("  Mail:      https://inbox.example.org/hwmon/20261125-lm75-v2-1-bo@example.org\n", DigestComposer.PlainText(Sample(), links));
        Assert.Contains("<a href=\"https://inbox.example.org/hwmon/20261125-lm75-v2-1-bo@example.org\">", DigestComposer.Html(Sample(), links));
    }

    [Fact]
    public void PlainTextLinesFitIn72ColumnsExceptUrls()
    {
        foreach (var line in DigestComposer.PlainText(Sample(), Links).Split('\n'))
            if (!line.Contains("https://", StringComparison.Ordinal))
                Assert.True(line.Length <= 72, $"{line.Length} columns: {line}");
    }

    [Fact]
    public void NoLineEndsInsideAPersonsNameOrAddress()
    {
        string[] people = ["Guenter Roeck <linux@roeck-us.net>", "Jean Delvare <jdelvare@suse.com>",
            "\"Rafael J. Wysocki\" <rafael@kernel.org>", "Zoë Ünicode <zoe@example.net>", "Jonathan Cameron <jic23@kernel.org>"];
        var hwmon = Sample().Subsystems[1];
        var content = Sample() with
        {
            Subsystems = [hwmon with { Series = [hwmon.Series[0] with { Author = "\"Wysocki, Rafael J.\" <rafael.j.wysocki@intel.com>", SuggestedReviewers = people }] }],
        };
        var lines = DigestComposer.PlainText(content, Links).Split('\n');
        foreach (var person in people.Append(content.Subsystems[0].Series[0].Author))
            Assert.Contains(lines, l => l.Contains(person, StringComparison.Ordinal));
    }

    /// <summary>
    /// A reviewer longer than a line (Linux's R: entry for Broadcom's review list is 77 characters) breaks between its
    /// name and its address, so the digest still fits 72 columns and neither the name nor the address is cut.
    /// </summary>
    [Fact]
    public void AReviewerLongerThanALineBreaksBetweenNameAndAddress()
    {
        const string name = "Broadcom internal kernel review list", address = "<bcm-kernel-feedback-list@broadcom.com>";
        var hwmon = Sample().Subsystems[1];
        var content = Sample() with
        {
            Subsystems = [hwmon with { Series = [hwmon.Series[0] with { SuggestedReviewers = [$"{name} {address}", "Guenter Roeck <linux@roeck-us.net>"] }] }],
        };
        var lines = DigestComposer.PlainText(content, Links).Split('\n');
        foreach (var line in lines.Where(l => !l.Contains("https://", StringComparison.Ordinal)))
            Assert.True(line.Length <= DigestComposer.Width, $"{line.Length} columns: {line}");
        Assert.Contains($"  Reviewers: {name}", lines);
        Assert.Contains($"             {address},", lines);
        Assert.Contains("             Guenter Roeck <linux@roeck-us.net>", lines);
    }

    [Fact]
    public void FixesComeFirstThenTheOldest()
    {
        var hwmon = DigestComposer.Ordered(Sample()).Single(s => s.Name == "HARDWARE MONITORING");
        Assert.Equal(["43", "42", "44"], hwmon.Series.Select(s => s.TopicId));
    }

    [Fact]
    public void OnlyKeepsTheFollowedSubsystemsAndSeriesOldEnough()
    {
        var only = Sample().Only(["spi subsystem"], TimeSpan.FromDays(3));
        Assert.Equal(["SPI SUBSYSTEM"], only.Subsystems.Select(s => s.Name));
        Assert.True(Sample().Only([], TimeSpan.FromDays(60)).IsEmpty);
    }

    [Fact]
    public void TheMessageIsTextFirstAlternativeBulkMailWithOneClickUnsubscribe()
    {
        var from = new MailboxAddress("ReviewQueue", "reviewqueue@example.org");
        var message = DigestMessage.Build(Sample(), Links, from, "digest-1@example.org", new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero));
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("digest-1@example.org", message.MessageId);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("bulk", message.Headers["Precedence"]);
        // Only the one-click URL: no mailto, as nothing reads mail sent back to the digest's sender.
        Assert.Equal("<https://rq.example.org/unsubscribe/0123abcd>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("[ReviewQueue] 4 series wait for review: HARDWARE MONITORING, SPI SUBSYSTEM", message.Subject);
        Assert.Contains("https://lore.kernel.org/r/20261105.123456-1-ada@example.org", message.TextBody);
        Assert.Contains("https://rq.example.org/series/42", message.HtmlBody);
    }

    /// <summary>
    /// RFC 8058 (3.1) offers the one-click POST for an HTTPS URI only: a mail client may POST to it without asking
    /// again, so it must not go in clear text. A dashboard on http keeps List-Unsubscribe (RFC 2369 allows any URL: the
    /// client opens the page, whose button unsubscribes) without List-Unsubscribe-Post.
    /// </summary>
    [Theory]
    [InlineData("https://rq.example.org/unsubscribe/0123abcd", true)]
    [InlineData("HTTPS://rq.example.org/unsubscribe/0123abcd", true)]
    [InlineData("http://rq.example.org/unsubscribe/0123abcd", false)]
    [InlineData("http://127.0.0.1:5080/unsubscribe/0123abcd", false)]
    public void TheOneClickPostIsOfferedOnlyForAnHttpsLink(string unsubscribe, bool oneClick)
    {
        var from = new MailboxAddress("ReviewQueue", "reviewqueue@example.org");
        var message = DigestMessage.Build(Sample(), Links with { Unsubscribe = unsubscribe }, from, "digest-1@example.org",
            new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal($"<{unsubscribe}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal(oneClick ? "List-Unsubscribe=One-Click" : null, message.Headers["List-Unsubscribe-Post"]);
    }

    static void Snapshot(string name, string actual)
    {
        var expected = RepoPaths.Of("tests", "ReviewQueue.Core.Tests", "Digest", "expected", name);
        var actualPath = Path.Combine(Path.GetTempPath(), "reviewqueue-actual-" + name);
        File.WriteAllText(actualPath, actual);
        Assert.True(File.Exists(expected), $"expected file missing: {expected} (this run's output is in {actualPath}; review it and copy it there)");
        Assert.Equal(File.ReadAllText(expected).ReplaceLineEndings("\n"), actual);
    }
}
