using System.Text;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>The list server's time: the topmost Received header with a readable date after its last ';'.</summary>
public sealed class ReceivedHeaderTests
{
    static DateTimeOffset? Newest(string headers) => ReceivedHeader.Newest(Encoding.Latin1.GetBytes(headers));

    [Fact]
    public void TheDateOnAFoldedLineIsRead()
    {
        var mail = "Return-Path: <a@example.org>\r\nReceived: from mail.example.org (mail.example.org [192.0.2.1])\r\n" +
            "\tby lists.example.org with ESMTP id 1234;\r\n\tTue, 2 Jul 2024 10:00:00 +0200 (CEST)\r\nReceived: from x by y;" +
            " Mon, 1 Jul 2024 09:00:00 +0000\r\nSubject: s\r\n\r\nbody\r\n";

        Assert.Equal(DateTimeOffset.Parse("2024-07-02T10:00:00+02:00"), Newest(mail));
    }

    [Fact]
    public void AReceivedHeaderWithoutADateIsPassedForTheNext()
    {
        var mail = "Received: by localhost (Postfix, from userid 0)\n\tid ABC\nReceived: from x\n by y; Mon, 1 Jul 2024\n 09:00:00 -0500\n\nbody\n";

        Assert.Equal(DateTimeOffset.Parse("2024-07-01T09:00:00-05:00"), Newest(mail));
    }

    [Fact]
    public void OnlyTheHeadersAreRead()
    {
        Assert.Null(Newest("Subject: s\n\nReceived: from x by y; Mon, 1 Jul 2024 09:00:00 +0000\n"));
        Assert.Null(Newest("Subject: s\r\n\r\nReceived: from x by y; Mon, 1 Jul 2024 09:00:00 +0000\r\n"));
        Assert.Null(Newest(""));
        Assert.Null(Newest("Received: from x by y; bogus"));
    }
}
