using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>
/// Dates read as git am reads them (git 2.39's parse_date through GIT_AUTHOR_DATE, `git log --date=raw`), where
/// MimeKit alone read a named zone or a colon offset as +0000 and an ISO 8601 date not at all.
/// </summary>
public sealed class MailDateTests
{
    [Theory]
    [InlineData("Tue, 2 Jul 2024 10:00:00 CEST", 1719907200, "+02:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 (CEST)", 1719907200, "+02:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 CET", 1719910800, "+01:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 BST", 1719910800, "+01:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 EEST", 1719903600, "+03:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 NZDT", 1719867600, "+13:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 ADT", 1719921600, "-02:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 +02:00", 1719907200, "+02:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 -05:30", 1719934200, "-05:30")]
    [InlineData("2024-07-02T10:00:00+02:00", 1719907200, "+02:00")]
    [InlineData("2024-07-02T10:00:00Z", 1719914400, "+00:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 A", 1719914400, "+00:00")]
    // What MimeKit read as git does stays as it was.
    [InlineData("Tue, 2 Jul 2024 10:00:00 +0200 (CEST)", 1719907200, "+02:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 PDT", 1719939600, "-07:00")]
    [InlineData("Tue, 2 Jan 2024 10:00:00 EST", 1704207600, "-05:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 JST", 1719882000, "+09:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 -0000", 1719914400, "+00:00")]
    [InlineData("Tue Jul 2 10:00:00 2024 +0200", 1719907200, "+02:00")]
    [InlineData("2024-07-02 10:00:00 +0200", 1719907200, "+02:00")]
    [InlineData("Tue, 2 Jul 2024 10:00 +0200", 1719907200, "+02:00")]
    [InlineData("Tue, 2 Jul 2024 10:00:00\t-0500 (EST)  ", 1719932400, "-05:00")]
    public void ADateIsReadAsGitAmReadsIt(string text, long unix, string offset)
    {
        Assert.True(MailDate.TryParse(text, out var date));
        Assert.Equal((unix, offset), (date.ToUnixTimeSeconds(), date.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("$(date -R)")]
    [InlineData("bogus")]
    public void WhatNeitherReadsIsNoDate(string text) => Assert.False(MailDate.TryParse(text, out _));
}
