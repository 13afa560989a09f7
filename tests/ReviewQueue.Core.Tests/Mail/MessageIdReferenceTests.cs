using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>A Message-ID as people paste it into show, am and check: what b4 am and b4 shazam take, they take.</summary>
public sealed class MessageIdReferenceTests
{
    const string Id = "20240701073252.317397-1-chineweff@gmail.com";

    [Theory]
    [InlineData(Id)]
    [InlineData("<" + Id + ">")]
    [InlineData("  <" + Id + ">\n")]
    [InlineData("id:" + Id)]
    [InlineData("rfc822msgid:" + Id)]
    [InlineData("id:<" + Id + ">")]
    [InlineData("https://lore.kernel.org/r/" + Id)]
    [InlineData("https://lore.kernel.org/all/" + Id + "/")]
    [InlineData("https://lore.kernel.org/linux-hwmon/" + Id + "/T/#u")]
    [InlineData("https://lore.kernel.org/linux-hwmon/" + Id + "/raw")]
    [InlineData("http://lore.kernel.org/linux-hwmon/" + Id + "/t.mbox.gz")]
    [InlineData("https://patch.msgid.link/" + Id)]
    [InlineData("https://patchwork.kernel.org/project/linux-hwmon/patch/" + Id + "/")]
    [InlineData("<https://lore.kernel.org/r/" + Id + ">")]
    public void EveryWayOfWritingItNamesTheSameMessage(string typed) =>
        Assert.Equal(Id, MessageIdReference.Read(typed));

    [Theory]
    [InlineData("https://lore.kernel.org/linux-hwmon/abc%2Bdef%2Fx@example.com/", "abc+def/x@example.com")]
    [InlineData("https://lore.kernel.org/all/Grüße@exämple.org/", "Grüße@exämple.org")]
    [InlineData("<naïve@例え.jp>", "naïve@例え.jp")]
    public void AnIdEscapedInALinkOrNotInAsciiIsReadAsItIs(string typed, string id) =>
        Assert.Equal(id, MessageIdReference.Read(typed));

    /// <summary>A topic id and anything that is no link stay as typed, to be looked up and said not found.</summary>
    [Theory]
    [InlineData("7608dd850579")]
    [InlineData("https://lore.kernel.org/linux-hwmon/")]
    [InlineData("https://bugzilla.kernel.org/show_bug.cgi?id=1")]
    public void WhatIsNoLinkToAMessageStaysAsTyped(string typed) =>
        Assert.Equal(typed, MessageIdReference.Read(typed));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<>")]
    [InlineData("id:")]
    public void NothingNamesNoMessage(string typed) =>
        Assert.Null(MessageIdReference.Read(typed));
}
