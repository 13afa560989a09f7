using MimeKit;
using ReviewQueue.Core.Lists;
using ReviewQueue.TestSupport;

namespace ReviewQueue.Core.Tests.Lists;

public sealed class ListRequestsTests
{
    static MimeMessage Fixture(string name) => MimeMessage.Load(RepoPaths.Of("tests", "ReviewQueue.Core.Tests", "Lists", "fixtures", name));

    [Fact]
    public void MlmmjIsAskedAtItsSubscribeAddressAndMailmanAtItsJoinAddress()
    {
        var list = MailboxAddress.Parse("devel@lists.example.org");
        var me = MailboxAddress.Parse("rq@example.org");
        Assert.Equal("devel+subscribe@lists.example.org", ListRequests.Subscribe(ListSoftware.Mlmmj, list, me).To.Mailboxes.Single().Address);
        var mailman = ListRequests.Subscribe(ListSoftware.Mailman, list, me);
        Assert.Equal("devel-join@lists.example.org", mailman.To.Mailboxes.Single().Address);
        Assert.Equal("subscribe", mailman.Subject);
        Assert.Equal("devel.lists.example.org", ListRequests.ConventionalListId("devel@lists.example.org"));
    }

    [Fact]
    public void MlmmjsConfirmationIsAnsweredAtItsConfsubReplyTo()
    {
        // A real mlmmj 1.3 confirmation, captured from the test list.
        var answer = ListRequests.ConfirmationAnswer(ListSoftware.Mlmmj, MailboxAddress.Parse("devel@lists.localhost"),
            MailboxAddress.Parse("test@localhost"), Fixture("mlmmj-confsub.eml"));
        Assert.NotNull(answer);
        Assert.Equal("devel+confsub-320b82eb3b50258a-test=localhost@lists.localhost", answer.To.Mailboxes.Single().Address);
        Assert.Equal("1795736014-9672-mlmmj-46cb5dde@lists.localhost", answer.InReplyTo);
        Assert.Equal("test@localhost", answer.From.Mailboxes.Single().Address);
    }

    [Fact]
    public void Mailman3sConfirmationIsAnsweredWithConfirmAndTheToken()
    {
        var answer = ListRequests.ConfirmationAnswer(ListSoftware.Mailman, MailboxAddress.Parse("devel@lists.example.org"),
            MailboxAddress.Parse("rq@example.org"), Fixture("mailman3-confirm.eml"));
        Assert.NotNull(answer);
        Assert.Equal("devel-confirm+2c6a5d8c4e0b1f3a9d7e6b5c4a3f2e1d0c9b8a7f@lists.example.org", answer.To.Mailboxes.Single().Address);
        Assert.Equal("confirm 2c6a5d8c4e0b1f3a9d7e6b5c4a3f2e1d0c9b8a7f", answer.Subject);
    }

    [Fact]
    public void Mailman2sConfirmationIsAnsweredToTheRequestAddressKeepingTheSubject()
    {
        var answer = ListRequests.ConfirmationAnswer(ListSoftware.Mailman, MailboxAddress.Parse("devel@lists.example.org"),
            MailboxAddress.Parse("rq@example.org"), Fixture("mailman2-confirm.eml"));
        Assert.NotNull(answer);
        Assert.Equal("devel-request@lists.example.org", answer.To.Mailboxes.Single().Address);
        Assert.Equal("confirm 0123456789abcdef0123456789abcdef01234567", answer.Subject);
    }

    [Fact]
    public void OtherMailIsNotAConfirmation()
    {
        var post = Fixture("mlmmj-confsub.eml");
        Assert.Null(ListRequests.ConfirmationAnswer(ListSoftware.Mlmmj, MailboxAddress.Parse("other@lists.localhost"),
            MailboxAddress.Parse("test@localhost"), post));
        Assert.Null(ListRequests.ConfirmationAnswer(ListSoftware.Mailman, MailboxAddress.Parse("devel@lists.localhost"),
            MailboxAddress.Parse("test@localhost"), post));
    }
}
