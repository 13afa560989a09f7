using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>
/// git's own reading of a .mailmap (mailmap.c), case by case; CorpusTests hold it against `git check-mailmap` on
/// generated files and on the kernel's.
/// </summary>
public sealed class GitMailmapTests
{
    static string Mapped(string mailmap, string? name, string email) => Format(GitMailmap.Parse(mailmap).Map(name, email));

    static string Format((string? Name, string? Email) p) => p.Name is null ? $"<{p.Email}>" : $"{p.Name} <{p.Email}>";

    [Theory]
    [InlineData("Proper Name <commit@example.org>", "Old <commit@example.org>", "Proper Name <commit@example.org>")]
    [InlineData("<proper@example.org> <commit@example.org>", "Old <commit@example.org>", "Old <proper@example.org>")]
    [InlineData("Proper Name <proper@example.org> <commit@example.org>", "Old <commit@example.org>", "Proper Name <proper@example.org>")]
    [InlineData("Proper Name <proper@example.org> Commit Name <commit@example.org>", "Commit Name <commit@example.org>", "Proper Name <proper@example.org>")]
    [InlineData("Proper Name <proper@example.org> Commit Name <commit@example.org>", "Other Name <commit@example.org>", "Other Name <commit@example.org>")]
    public void TheFourFormsMapAsGitShortlogDocumentsThem(string mailmap, string who, string expected)
    {
        var open = who.IndexOf('<');
        Assert.Equal(expected, Mapped(mailmap, who[..open].Trim(), who[(open + 1)..^1]));
    }

    [Fact]
    public void AddressesAndNamesMatchWhateverTheirAsciiCase()
    {
        const string mailmap = "Proper <proper@example.org> <Commit@Example.ORG>\nNamed <named@example.org> COMMIT NAME <two@example.org>\n";
        Assert.Equal("Proper <proper@example.org>", Mapped(mailmap, "Old", "commit@example.org"));
        Assert.Equal("Named <named@example.org>", Mapped(mailmap, "Commit Name", "TWO@example.org"));
        // strcasecmp folds ASCII only: Ö is not ö.
        Assert.Equal("Jörg <two@example.org>", Mapped("Named <named@example.org> JÖRG <two@example.org>", "Jörg", "two@example.org"));
    }

    [Fact]
    public void ANameAndAddressEntryComesBeforeTheAddressAloneAndAnUnknownNameFallsBackToIt()
    {
        const string mailmap = """
            Mia Maintainer <mia@example.org> Mia <shared@example.org>
            Rob Reviewer <rob@example.org> <shared@example.org>
            """;
        Assert.Equal("Mia Maintainer <mia@example.org>", Mapped(mailmap, "Mia", "shared@example.org"));
        Assert.Equal("Rob Reviewer <rob@example.org>", Mapped(mailmap, "Someone", "shared@example.org"));
        Assert.Equal("Rob Reviewer <rob@example.org>", Mapped(mailmap, null, "shared@example.org"));
        // With name entries only, another name is not mapped at all.
        Assert.Equal("Someone <only@example.org>", Mapped("Mia <mia@example.org> Mia <only@example.org>", "Someone", "only@example.org"));
    }

    [Fact]
    public void SimpleEntriesForOneAddressAddUpAndTheLastNameEntryWins()
    {
        const string mailmap = """
            Proper Name <commit@example.org>
            <proper@example.org> <commit@example.org>
            First <first@example.org> Commit <two@example.org>
            Second <second@example.org> commit <two@example.org>
            """;
        Assert.Equal("Proper Name <proper@example.org>", Mapped(mailmap, "Old", "commit@example.org"));
        Assert.Equal("Second <second@example.org>", Mapped(mailmap, "Commit", "two@example.org"));
    }

    [Theory]
    [InlineData("# Proper <proper@example.org> <commit@example.org>", "Old <commit@example.org>")] // a comment
    [InlineData(" # Proper <proper@example.org> <commit@example.org>", "# Proper <proper@example.org>")] // only a first '#' is one
    [InlineData("Proper <proper@example.org> <commit@example.org> # moved", "Proper <proper@example.org>")]
    [InlineData("Proper <> <commit@example.org>", "Old <commit@example.org>")] // no address to map to: no line
    [InlineData("Proper <proper@example.org> trailing words", "Old <commit@example.org>")] // a name for proper@ only
    [InlineData("  Spaced   Name\t <commit@example.org>\r", "Spaced   Name <commit@example.org>")]
    [InlineData("Proper < commit@example.org >", "Old <commit@example.org>")] // the address is taken as written
    public void OddLinesReadAsGitReadsThem(string mailmap, string expected) =>
        Assert.Equal(expected, Mapped(mailmap, "Old", "commit@example.org"));

    [Fact]
    public void NoMailmapMapsNobodyAndSaysSoInItsSignature()
    {
        Assert.Equal(("A", "a@example.org"), GitMailmap.Empty.Map("A", "a@example.org"));
        Assert.Equal("", GitMailmap.Empty.Signature);
        Assert.NotEqual(GitMailmap.Parse("A <a@example.org>").Signature, GitMailmap.Parse("B <a@example.org>").Signature);
        Assert.Equal(GitMailmap.Parse("A <a@example.org>").Signature, GitMailmap.Parse("A <a@example.org>").Signature);
    }
}
