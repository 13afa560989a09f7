using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

public class SubjectParserTests
{
    [Theory]
    // subject, version, subversion, index, total, rfc, resend, tree, reply, title
    [InlineData("[PATCH] hwmon: (lm75) add sensor", 1, null, 1, 1, false, false, null, false, "hwmon: (lm75) add sensor")]
    [InlineData("[PATCH v2 3/7] hwmon: fix", 2, null, 3, 7, false, false, null, false, "hwmon: fix")]
    [InlineData("[PATCH net-next v3 01/10] net: thing", 3, null, 1, 10, false, false, "net-next", false, "net: thing")]
    [InlineData("[PATCHv3 1/2] foo: bar", 3, null, 1, 2, false, false, null, false, "foo: bar")]
    [InlineData("[PATCH1/8] foo: bar", 1, null, 1, 8, false, false, null, false, "foo: bar")]
    [InlineData("[PATCH 1 of 2] mercurial style", 1, null, 1, 2, false, false, null, false, "mercurial style")]
    [InlineData("[RFC PATCH v5.1 10/12] partial re-roll", 5, 1, 10, 12, true, false, null, false, "partial re-roll")]
    [InlineData("[PATCH RESEND 6.1] stable: backport", 1, null, 1, 1, false, true, "6.1", false, "stable: backport")]
    [InlineData("[PATCH hwmon-next] hwmon: new driver", 1, null, 1, 1, false, false, "hwmon-next", false, "hwmon: new driver")]
    [InlineData("[PATCH,v4,2/5] comma separated", 4, null, 2, 5, false, false, null, false, "comma separated")]
    [InlineData("[RFC] [PATCH 0/3] two groups", 1, null, 0, 3, true, false, null, false, "two groups")]
    [InlineData("Re: [PATCH v2 2/3] hwmon: fix", 2, null, 2, 3, false, false, null, true, "hwmon: fix")]
    [InlineData("Re: Re: AW: Fwd: [PATCH] stacked", 1, null, 1, 1, false, false, null, true, "stacked")]
    [InlineData("RE[2]: [PATCH] counted reply", 1, null, 1, 1, false, false, null, true, "counted reply")]
    [InlineData("hwmon: add driver (v2)", 2, null, 1, 1, false, false, null, false, "hwmon: add driver")]
    [InlineData("", 1, null, 1, 1, false, false, null, false, "")]
    [InlineData("[GIT PULL] hwmon fixes for v6.11-rc2", 1, null, 1, 1, false, false, null, false, "hwmon fixes for v6.11-rc2")]
    public void SubjectFormsFromTheWildAreTakenApart(string raw, int version, int? subVersion, int index, int total,
        bool rfc, bool resend, string? tree, bool reply, string title)
    {
        var s = SubjectLine.Parse(raw);
        Assert.Equal(version, s.Version);
        Assert.Equal(subVersion, s.SubVersion);
        Assert.Equal(index, s.Index);
        Assert.Equal(total, s.Total);
        Assert.Equal(rfc, s.Rfc);
        Assert.Equal(resend, s.Resend);
        Assert.Equal(tree, s.Tree);
        Assert.Equal(reply, s.IsReply);
        Assert.Equal(title, s.Title);
    }

    [Theory]
    [InlineData("[PATCH 5.10 2/3] hwmon: backport", "5.10")]
    [InlineData("[PATCH 6.1.y] hwmon: backport", "6.1")]
    [InlineData("[PATCH 6.6.12] hwmon: backport", "6.6")]
    [InlineData("[PATCH linux-5.15.y v2] hwmon: backport", "5.15")]
    [InlineData("[PATCH stable 5.15-stable] hwmon: backport", "5.15")]
    [InlineData("[PATCH RESEND 6.1] stable: backport", "6.1")]
    [InlineData("[PATCH net-next v3 01/10] net: thing", null)]
    [InlineData("[PATCH net] net: fix", null)]
    [InlineData("[RFC PATCH v5.1 10/12] partial re-roll", null)]
    [InlineData("[PATCH] hwmon: (lm75) add 2.5 V sensor", null)]
    public void AStableTreeIsReadFromThePrefixesAsMajorDotMinor(string raw, string? tree) =>
        Assert.Equal(tree, SubjectLine.Parse(raw).StableTree);

    // git mailinfo drops the colon a sender types after the brackets (git's cleanup_subject); b4 would keep it,
    // but then the same patch sent once with and once without it would carry two titles.
    [Theory]
    [InlineData("[Patch 2/2]: fix the thing", 2, 2, "fix the thing")]
    [InlineData("[PATCH v2]:hwmon: (demo) fix", 1, 1, "hwmon: (demo) fix")]
    [InlineData("[PATCH] : [RFC] two groups", 1, 1, "two groups")]
    [InlineData("Re: [PATCH 1/3]: fix the thing", 1, 3, "fix the thing")]
    public void AColonAfterTheBracketsIsNotPartOfTheTitle(string raw, int index, int total, string title)
    {
        var s = SubjectLine.Parse(raw);
        Assert.Equal((index, total, title), (s.Index, s.Total, s.Title));
    }

    // Neither git mailinfo nor b4 reads a version from a bare word in the title: only [vN] (and our "(vN)").
    [Theory]
    [InlineData("[PATCH] hwmon: foo: add bar v3", "hwmon: foo: add bar v3")]
    [InlineData("[PATCH 1/2 ] hwmon: foo: add bar v3", "hwmon: foo: add bar v3")]
    [InlineData("[PATCH] hwmon: (demo) support v2 of the chip", "hwmon: (demo) support v2 of the chip")]
    public void AVersionWordAtTheEndOfTheTitleIsNotAVersion(string raw, string title)
    {
        var s = SubjectLine.Parse(raw);
        Assert.Equal(1, s.Version);
        Assert.Contains(SubjectLine.InferredVersion, s.Inferred);
        Assert.Equal(title, s.Title);
    }

    // hwmon, 2024-10-12: "[PATCH linux dev-6.11 1/2] v3: hwmon: modified ina2xx to match SY24655", whose next posting
    // was "[PATCH v3 1/2] hwmon: modified ina2xx to match SY24655": one title, so one topic.
    [Theory]
    [InlineData("[PATCH linux dev-6.11 1/2] v3: hwmon: modified ina2xx to match SY24655", 3, null, "hwmon: modified ina2xx to match SY24655")]
    [InlineData("[PATCH] V2 - hwmon: (demo) fix", 2, null, "hwmon: (demo) fix")]
    [InlineData("[PATCH 2/3] v4.1: hwmon: (demo) fix", 4, 1, "hwmon: (demo) fix")]
    public void AVersionWrittenAsTheTitlesFirstWordIsTheVersion(string raw, int version, int? minor, string title)
    {
        var s = SubjectLine.Parse(raw);
        Assert.Equal((version, minor, title), (s.Version, s.SubVersion, s.Title));
        Assert.Contains(SubjectLine.VersionFromTitle, s.Inferred);
        Assert.DoesNotContain(SubjectLine.InferredVersion, s.Inferred);
    }

    [Theory]
    [InlineData("[PATCH] v4l2: fix the thing")]
    [InlineData("[PATCH] v2x: add driver")]
    [InlineData("[PATCH v2] v3: the brackets say it")]
    [InlineData("[PATCH] v3 support for the chip")]
    public void AWordThatOnlyStartsLikeAVersionStaysInTheTitle(string raw)
    {
        var s = SubjectLine.Parse(raw);
        Assert.DoesNotContain(SubjectLine.VersionFromTitle, s.Inferred);
        Assert.EndsWith(raw[(raw.IndexOf(']') + 2)..], s.Title);
    }

    [Fact]
    public void WhatWasNotWrittenIsRecordedAsInferred()
    {
        var bare = SubjectLine.Parse("[PATCH] foo");
        Assert.Contains(SubjectLine.InferredVersion, bare.Inferred);
        Assert.Contains(SubjectLine.InferredCounter, bare.Inferred);
        Assert.False(bare.HasCounter);

        var written = SubjectLine.Parse("[PATCH v1 1/1] foo");
        Assert.Empty(written.Inferred);
        Assert.True(written.HasCounter);

        var fromTitle = SubjectLine.Parse("foo (v3)");
        Assert.Contains(SubjectLine.VersionFromTitle, fromTitle.Inferred);
        Assert.DoesNotContain(SubjectLine.InferredVersion, fromTitle.Inferred);
    }

    [Fact]
    public void PrefixesKeepEveryTokenAsWrittenAndFoldedSubjectsAreUnfolded()
    {
        var s = SubjectLine.Parse("[PATCH v2 net-next\n 2/3] long\n\t title");
        Assert.Equal(["PATCH", "v2", "net-next", "2/3"], s.Prefixes);
        Assert.Equal("long title", s.Title);
        Assert.Equal("2", s.VersionText);
    }
}
