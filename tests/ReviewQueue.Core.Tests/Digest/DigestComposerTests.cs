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

    // Linux's way: an lm75 patch is in LM75's section, in HARDWARE MONITORING's and in THE REST (F: *). The backlog lists
    // each series in every section it waits in, its first file's most specific first; the core series' first file is
    // MAINTAINERS (git format-patch puts it before drivers/), which only THE REST covers.
    static readonly DigestSeries Lm75 = new("1", "hwmon: (lm75) add a sensor", "v1", TimeSpan.FromDays(4), 0, 1, "Ada <ada@example.org>",
        [], false, "lm75@example.org", ["LM75 HARDWARE MONITOR DRIVER", "HARDWARE MONITORING", "THE REST"]);
    static readonly DigestSeries Core = new("2", "hwmon: tidy the core", "v1", TimeSpan.FromDays(6), 0, 1, "Bo <bo@example.org>",
        [], false, "core@example.org", ["THE REST", "HARDWARE MONITORING"]);

    static DigestContent InEverySection() => new("maintainer@example.org", "2026-11-26T07:00Z",
    [
        new DigestSubsystem("THE REST", [Core, Lm75]),
        new DigestSubsystem("HARDWARE MONITORING", [Core, Lm75]),
        new DigestSubsystem("LM75 HARDWARE MONITOR DRIVER", [Lm75]),
    ]);

    /// <summary>
    /// A subscription to every section listed a series under each section it waits in: on hwmon's half-year with Linux's
    /// MAINTAINERS, 251 entries for 76 series, one of them 14 times. Each is listed once, under the first of its sections
    /// (the most specific, as get_maintainer.pl orders them) but THE REST, which every file is in (it comes first for a patch
    /// whose first file is MAINTAINERS: 11 of hwmon's 76 were listed there), naming the others it waits in but THE REST;
    /// the headings' counts then add up to the digest's.
    /// </summary>
    [Fact]
    public void ASubscriptionToEverySectionListsEachSeriesOnceUnderItsFirstSection()
    {
        var all = InEverySection().Only([], TimeSpan.Zero);
        Assert.Equal([("HARDWARE MONITORING", "2"), ("LM75 HARDWARE MONITOR DRIVER", "1")],
            DigestComposer.Ordered(all).SelectMany(s => s.Series.Select(x => (s.Name, x.TopicId))));

        var text = DigestComposer.PlainText(all, Links);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("  Dashboard: ", StringComparison.Ordinal)));
        Assert.Contains("  Dashboard: https://rq.example.org/series/1\n", text);
        Assert.Contains("  Also in:   HARDWARE MONITORING\n", text);
        Assert.DoesNotContain("THE REST", text);
        Assert.Contains("Also in: HARDWARE MONITORING<br>", DigestComposer.Html(all, Links));
    }

    /// <summary>
    /// A subscription to some sections keeps each series once too, under the first of its sections it follows; one followed
    /// section lists what `backlog --subsystem S` lists, each series naming where else it waits.
    /// </summary>
    [Fact]
    public void ASubscriptionToSomeSectionsListsEachSeriesOnceUnderTheFirstItFollows()
    {
        var both = InEverySection().Only(["hardware monitoring", "lm75 hardware monitor driver"], TimeSpan.Zero);
        Assert.Equal([("HARDWARE MONITORING", "2"), ("LM75 HARDWARE MONITOR DRIVER", "1")],
            DigestComposer.Ordered(both).SelectMany(s => s.Series.Select(x => (s.Name, x.TopicId))));

        var one = InEverySection().Only(["HARDWARE MONITORING"], TimeSpan.Zero);
        Assert.Equal([("HARDWARE MONITORING", "2"), ("HARDWARE MONITORING", "1")],
            DigestComposer.Ordered(one).SelectMany(s => s.Series.Select(x => (s.Name, x.TopicId))));
        Assert.Contains("  Also in:   LM75 HARDWARE MONITOR DRIVER\n", DigestComposer.PlainText(one, Links));
    }

    /// <summary>Linux has section titles of 95 characters: one longer than the line breaks between its words, as a long title does.</summary>
    [Fact]
    public void ALongSectionNameInAlsoInKeepsTo72Columns()
    {
        const string i915 = "INTEL DRM I915 DRIVER (Meteor Lake, DG2 and older excluding Poulsbo, Moorestown and derivative)";
        var content = new DigestContent("maintainer@example.org", "2026-11-26T07:00Z",
            [new DigestSubsystem("HARDWARE MONITORING", [Core with { Subsystems = ["HARDWARE MONITORING", i915, "DRM DRIVERS"] }])]);
        var lines = DigestComposer.PlainText(content, Links).Split('\n');
        foreach (var line in lines.Where(l => !l.Contains("https://", StringComparison.Ordinal)))
            Assert.True(line.Length <= DigestComposer.Width, $"{line.Length} columns: {line}");
        Assert.Contains(lines, l => l.StartsWith("  Also in:   INTEL DRM I915 DRIVER (Meteor Lake,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("derivative), DRM DRIVERS", StringComparison.Ordinal));
    }

    /// <summary>
    /// A series listed once is a fix when a fix of it waits in any section the digest has it in; a one-section digest says
    /// what that section's backlog says.
    /// </summary>
    [Fact]
    public void ASeriesListedOnceIsAFixWhereverItsFixWaits()
    {
        var content = new DigestContent("maintainer@example.org", "2026-11-26T07:00Z",
        [
            new DigestSubsystem("LM75 HARDWARE MONITOR DRIVER", [Lm75]),
            new DigestSubsystem("HARDWARE MONITORING", [Lm75 with { Fix = true }]),
        ]);
        Assert.True(Assert.Single(content.Only([], TimeSpan.Zero).Subsystems.SelectMany(s => s.Series)).Fix);
        Assert.False(Assert.Single(content.Only(["LM75 HARDWARE MONITOR DRIVER"], TimeSpan.Zero).Subsystems.SelectMany(s => s.Series)).Fix);
    }

    /// <summary>
    /// A bounded digest shows a section's first series (fixes, then the oldest), says in the heading how many wait and how
    /// many are shown, and links to the section's page for the rest: the same in the text and the HTML.
    /// </summary>
    [Fact]
    public void ABoundedSectionShowsItsFirstSeriesAndLinksToTheRest()
    {
        var content = Sample() with { Bound = new DigestBound(2, 100) };
        var text = DigestComposer.PlainText(content, Links);
        var html = DigestComposer.Html(content, Links);

        Assert.Equal(["HARDWARE MONITORING", "SPI SUBSYSTEM"], DigestComposer.Sections(content).Select(s => s.Name));
        Assert.Equal(["43", "42"], DigestComposer.Sections(content).Single(s => s.Name == "HARDWARE MONITORING").Shown.Select(s => s.TopicId));
        Assert.StartsWith("4 series wait for review in the subsystems you follow\n(2026-11-26T07:00Z). Fixes first, then the longest waiting. 3 of them\n" +
            "are shown here (at most 2 per section); each section links to its full\nlist on the dashboard.\n", text);
        Assert.Contains("\nHARDWARE MONITORING (3 waiting, 2 shown)\n" + new string('=', 40) + "\n", text);
        Assert.Contains("\nSPI SUBSYSTEM (1)\n", text);
        Assert.Contains("\n...and 1 more waiting in HARDWARE MONITORING:\nhttps://rq.example.org/subsystems/HARDWARE%20MONITORING\n", text);
        Assert.DoesNotContain("/series/44", text);
        Assert.Contains("3 of them are shown here (at most 2 per section)", html);
        Assert.Contains("<h2>HARDWARE MONITORING (3 waiting, 2 shown)</h2>", html);
        Assert.Contains("<p>...and 1 more waiting in HARDWARE MONITORING: <a href=\"https://rq.example.org/subsystems/HARDWARE%20MONITORING\">" +
            "https://rq.example.org/subsystems/HARDWARE%20MONITORING</a></p>", html);
        Assert.DoesNotContain("/series/44", html);
        foreach (var line in text.Split('\n').Where(l => !l.Contains("https://", StringComparison.Ordinal)))
            Assert.True(line.Length <= DigestComposer.Width, $"{line.Length} columns: {line}");
    }

    /// <summary>
    /// The bound on the whole digest goes to the costliest debt first whatever the section's name: the young fix in
    /// HARDWARE MONITORING, then the oldest; SPI's series is left out but its heading still counts it and links to it.
    /// </summary>
    [Fact]
    public void TheDigestsBoundGoesToFixesThenTheOldestAcrossSections()
    {
        var content = Sample() with { Bound = new DigestBound(10, 2) };
        var sections = DigestComposer.Sections(content);
        Assert.Equal(["43", "42"], sections.Single(s => s.Name == "HARDWARE MONITORING").Shown.Select(s => s.TopicId));
        Assert.Empty(sections.Single(s => s.Name == "SPI SUBSYSTEM").Shown);

        var text = DigestComposer.PlainText(content, Links);
        var html = DigestComposer.Html(content, Links);
        Assert.Contains("2 of them are shown here (at most 2 in all)", text.Replace('\n', ' '));
        Assert.Contains("\nSPI SUBSYSTEM (1 waiting, 0 shown)\n" + new string('=', 34) + "\n\n" +
            "1 waiting in SPI SUBSYSTEM:\nhttps://rq.example.org/subsystems/SPI%20SUBSYSTEM\n", text);
        Assert.Contains("<h2>SPI SUBSYSTEM (1 waiting, 0 shown)</h2>\n<p>1 waiting in SPI SUBSYSTEM: " +
            "<a href=\"https://rq.example.org/subsystems/SPI%20SUBSYSTEM\">", html);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("  Dashboard: ", StringComparison.Ordinal)));
        Assert.Equal(2, html.Split("<li>").Length - 1);
        Assert.Contains("2 of them are shown here (at most 2 in all)", html);
    }

    /// <summary>
    /// A bounded section of a subscription to several sections lists fewer series than its dashboard page: a series is
    /// listed once, under its most specific section, and the page lists every series waiting in the section. On hwmon's
    /// half-year "...and 26 more waiting in HARDWARE MONITORING" linked to a page of 62 (20 + 26 + 16 listed under driver
    /// sections): the line names the page's count, so the reader knows what the link shows.
    /// </summary>
    [Fact]
    public void AMoreLineNamesHowManyTheSectionsPageLists()
    {
        var old = Core with { TopicId = "3", Title = "hwmon: an old change", Age = TimeSpan.FromDays(9) };
        var content = new DigestContent("maintainer@example.org", "2026-11-26T07:00Z",
        [
            new DigestSubsystem("HARDWARE MONITORING", [Core, Lm75, old]),
            new DigestSubsystem("LM75 HARDWARE MONITOR DRIVER", [Lm75]),
        ]).Only([], TimeSpan.Zero) with { Bound = new DigestBound(1, 100) };
        var text = DigestComposer.PlainText(content, Links);
        var html = DigestComposer.Html(content, Links);

        Assert.Contains("\nHARDWARE MONITORING (2 waiting, 1 shown)\n", text);
        Assert.Contains("\n...and 1 more waiting in HARDWARE MONITORING (its page lists all 3\nwaiting there):\n" +
            "https://rq.example.org/subsystems/HARDWARE%20MONITORING\n", text);
        Assert.Contains("<p>...and 1 more waiting in HARDWARE MONITORING (its page lists all 3 waiting there): <a href=", html);

        // Bounded by the whole digest, the section shows none: the line says so the same way.
        var none = DigestComposer.PlainText(content with { Bound = new DigestBound(1, 1) }, Links);
        Assert.Contains("\nLM75 HARDWARE MONITOR DRIVER (1 waiting, 0 shown)\n", none);
        Assert.Contains("\n1 waiting in LM75 HARDWARE MONITOR DRIVER:\n", none);
        var hwmonFirst = DigestComposer.PlainText(content with { Bound = new DigestBound(2, 0) }, Links);
        Assert.Contains("\n2 waiting in HARDWARE MONITORING (its page lists all 3 waiting there):\n", hwmonFirst);
    }

    /// <summary>
    /// The subject names the sections where most series wait: a subscriber to every section of hwmon's half-year got
    /// "76 series wait for review: ABIT UGURU 1,2 HARDWARE MONITOR DRIVER, ADP1050 HARDWARE MONITOR DRIVER, ARM/NUVOTON
    /// NPCM ARCHITECTURE and 20 more" (the first by name, one series each), not HARDWARE MONITORING, where 46 of them wait.
    /// THE REST, which every file is in, says least of where they wait: named last, whatever its count.
    /// </summary>
    [Fact]
    public void TheSubjectNamesTheSectionsWhereMostSeriesWaitFirst()
    {
        static DigestSeries One(string id) => Core with { TopicId = id, Subsystems = null };
        var content = new DigestContent("maintainer@example.org", "2026-11-26T07:00Z",
        [
            new DigestSubsystem("ABIT UGURU 1,2 HARDWARE MONITOR DRIVER", [One("1")]),
            new DigestSubsystem("ADP1050 HARDWARE MONITOR DRIVER", [One("2")]),
            new DigestSubsystem("ARM/NUVOTON NPCM ARCHITECTURE", [One("3")]),
            new DigestSubsystem("HARDWARE MONITORING", [One("4"), One("5"), One("6")]),
            new DigestSubsystem("DELL LAPTOP SMM DRIVER", [One("7"), One("8")]),
            new DigestSubsystem("THE REST", [One("9"), One("10"), One("11"), One("12")]),
        ]);
        Assert.Equal("[ReviewQueue] 12 series wait for review: HARDWARE MONITORING, DELL LAPTOP SMM DRIVER, " +
            "ABIT UGURU 1,2 HARDWARE MONITOR DRIVER and 3 more", DigestComposer.Subject(content));
    }

    /// <summary>A section named with a '/' ("ARM/SOC") links to its page a part per '/', as the dashboard routes it.</summary>
    [Fact]
    public void ASectionsLinkKeepsItsSlashes() =>
        Assert.Equal("https://rq.example.org/subsystems/ARM/QUALCOMM%20SUPPORT", Links.Subsystem("ARM/QUALCOMM SUPPORT"));

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
