using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Subsystems;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>
/// The reviewers suggested for a waiting series: the maintainers and reviewers of its sections, in MAINTAINERS'
/// order whatever order the sections are named in, every section of a duplicated title, each person once, never
/// the author, and THE REST's people only when no other section applies.
/// </summary>
public sealed class SuggestedReviewersTests
{
    const string Maintainers = """
        List of maintainers

        Maintainers List
        ----------------

        ALPHA DRIVER
        M:	Ann Alpha <ann@example.org>
        S:	Maintained
        F:	drivers/alpha/

        BETA DRIVER
        M:	Ben Beta <ben@example.org>
        R:	Rita Reviewer <rita@example.org>
        S:	Maintained
        F:	drivers/beta/

        GAMMA DRIVER
        M:	Gia Gamma <gia@example.org>
        R:	Rita Reviewer <RITA@example.org>
        S:	Maintained
        F:	drivers/gamma/

        BETA DRIVER
        M:	Bea Second <bea@example.org>
        S:	Odd Fixes
        F:	drivers/beta/old/

        THE REST
        M:	Linus Torvalds <torvalds@linux-foundation.org>
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    [Fact]
    public void PeopleComeInTheFilesOrderOncePerAddressWithoutTheAuthor()
    {
        using var dir = new TempDir();
        var file = dir.File("MAINTAINERS");
        File.WriteAllText(file, Maintainers.Replace("\r\n", "\n") + "\n");
        using var ledger = new TestLedger(settings: new Dictionary<string, string?> { ["Maintainers:File"] = file });
        var map = ledger.Services.GetRequiredService<MaintainersSubsystems>();

        // Named gamma first: still beta's two sections (the second one last, where the file has it), then gamma's.
        Assert.Equal(["Ben Beta <ben@example.org>", "Rita Reviewer <rita@example.org>", "Gia Gamma <gia@example.org>", "Bea Second <bea@example.org>"],
            map.SuggestedReviewers(["GAMMA DRIVER", "BETA DRIVER", "THE REST"], authorEmail: null));
        Assert.Equal(["Ben Beta <ben@example.org>", "Rita Reviewer <rita@example.org>", "Bea Second <bea@example.org>"],
            map.SuggestedReviewers(["BETA DRIVER"], authorEmail: "GIA@example.org"));
        Assert.Equal(["Rita Reviewer <rita@example.org>", "Bea Second <bea@example.org>"],
            map.SuggestedReviewers(["BETA DRIVER"], authorEmail: "ben@example.org"));
        Assert.Equal(["Linus Torvalds <torvalds@linux-foundation.org>"], map.SuggestedReviewers(["THE REST"], authorEmail: null));
        Assert.Empty(map.SuggestedReviewers(["NO SUCH SECTION"], authorEmail: null));
        Assert.Equal(["Ann Alpha <ann@example.org>"], map.SuggestedReviewers(["ALPHA DRIVER", "ALPHA DRIVER"], authorEmail: null));
    }

    // ALPHA lists Ann under the address she left, BETA under her own: the .mailmap beside MAINTAINERS says both are hers.
    const string TwoAddresses = """
        ALPHA DRIVER
        M:	Ann Alpha <ann@old.example>
        S:	Maintained
        F:	drivers/alpha/

        BETA DRIVER
        M:	Ann Alpha <ann@example.org>
        R:	Rita Reviewer <rita@example.org>
        S:	Maintained
        F:	drivers/beta/

        GAMMA DRIVER
        M:	Gül Gamma <gul@example.org> (gamma core)
        S:	Maintained
        F:	drivers/gamma/
        """;

    [Fact]
    public void APersonListedUnderTwoAddressesTheMailmapJoinsIsSuggestedOnceAtTheMappedOneAndNeverToHerself()
    {
        using var dir = new TempDir();
        var file = dir.File("MAINTAINERS");
        File.WriteAllText(file, TwoAddresses.Replace("\r\n", "\n") + "\n");
        File.WriteAllText(dir.File(".mailmap"), "Ann Alpha <ann@example.org> <ann@old.example>\n");
        using var ledger = new TestLedger(settings: new Dictionary<string, string?> { ["Maintainers:File"] = file });
        var map = ledger.Services.GetRequiredService<MaintainersSubsystems>();

        // As get_maintainer.pl prints her: the address the mailmap gives, once.
        Assert.Equal(["Ann Alpha <ann@example.org>", "Rita Reviewer <rita@example.org>"],
            map.SuggestedReviewers(["ALPHA DRIVER", "BETA DRIVER"], authorEmail: null));
        // Her series, posted from either address, is not hers to review.
        Assert.Equal(["Rita Reviewer <rita@example.org>"], map.SuggestedReviewers(["ALPHA DRIVER", "BETA DRIVER"], authorEmail: "ann@old.example"));
        Assert.Empty(map.SuggestedReviewers(["ALPHA DRIVER"], authorEmail: "Ann@Example.org"));
        // Someone the mailmap leaves alone is shown as MAINTAINERS writes them, not quoted as get_maintainer.pl would.
        Assert.Equal(["Gül Gamma <gul@example.org> (gamma core)"], map.SuggestedReviewers(["GAMMA DRIVER"], authorEmail: null));
    }

    // A shared address (a team's) is Ann's only under her name there: git's entry for a name and address.
    [Fact]
    public void AnAuthorIsKnownByTheMailmapsEntryForHerNameAndAddress()
    {
        using var dir = new TempDir();
        var file = dir.File("MAINTAINERS");
        File.WriteAllText(file, TwoAddresses.Replace("\r\n", "\n") + "\n");
        File.WriteAllText(dir.File(".mailmap"), "Ann Alpha <ann@example.org> A. Alpha <team@example.net>\n");
        using var ledger = new TestLedger(settings: new Dictionary<string, string?> { ["Maintainers:File"] = file });
        var map = ledger.Services.GetRequiredService<MaintainersSubsystems>();

        Assert.Equal(["Rita Reviewer <rita@example.org>"], map.SuggestedReviewers(["BETA DRIVER"], "team@example.net", "A. Alpha"));
        Assert.Equal(["Ann Alpha <ann@example.org>", "Rita Reviewer <rita@example.org>"],
            map.SuggestedReviewers(["BETA DRIVER"], "team@example.net", "Tom Team"));
    }
}
