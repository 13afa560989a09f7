using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MailKit.Net.Smtp;
using MimeKit;
using ReviewQueue.Mail.Smtp;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using ReviewQueue.Core.Digest;
using ReviewQueue.Digest;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Digest;

/// <summary>The digest dispatch over a real ledger, with a hand-written digest source and sender.</summary>
public sealed class DigestDispatchTests : IDisposable
{
    readonly TempDir dir = new();
    readonly SettableTime time = new(new DateTimeOffset(2026, 11, 26, 7, 30, 0, TimeSpan.Zero));
    readonly IDigestSource source = Substitute.For<IDigestSource>();

    static DigestContent Waiting(params (string Title, int Days)[] series) => new("", "",
    [
        new DigestSubsystem("HARDWARE MONITORING", series.Select((s, i) => new DigestSeries($"{i + 1}", s.Title, "v1",
            TimeSpan.FromDays(s.Days), 0, 1, "Ada Author <ada@example.org>", [], false, $"patch-{i}@example.org")).ToList()),
    ]);

    readonly WarningLog warnings = new();

    /// <param name="archive">An archive setting (Archive:Url, or its older name Digest:ArchiveUrl) and its value.</param>
    ServiceProvider Services(IMailSender? sender = null, string? dashboardUrl = "https://rq.example.org/", (string Key, string Value)? archive = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Ledger:Database"] = dir.File("ledger.db"),
            ["Smtp:From"] = "ReviewQueue <rq@example.org>",
            ["Digest:Outbox"] = dir.File("outbox"),
            ["Digest:DashboardUrl"] = dashboardUrl,
        };
        if (archive is { } a)
            values[a.Key] = a.Value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddReviewQueue(configuration);
        services.AddLogging(logging => logging.AddProvider(warnings));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(source);
        if (sender is not null)
            services.AddSingleton(sender);
        return services.BuildServiceProvider();
    }

    /// <param name="subscribed">When the subscription was made; by default a day ago, so the current period is its own.</param>
    async Task<DigestSubscription> SubscribeAsync(ServiceProvider sp, string every = DigestSchedule.Daily, string[]? subsystems = null, int minAgeDays = 0,
        DateTimeOffset? subscribed = null) =>
        await sp.GetRequiredService<DigestStore>().SubscribeAsync("maintainer@example.org", subsystems ?? [], every,
            TimeSpan.FromDays(minAgeDays), "token123", subscribed ?? time.GetUtcNow().AddDays(-1), CancellationToken.None);

    static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// mlmmj's digest subscriber, or Patchwork's: the confirmation at once, the first digest at the next scheduled time. A
    /// digest the moment one subscribes would be the period's that began before the subscription (here, 07:00 today).
    /// </summary>
    [Fact]
    public async Task ANewSubscriptionGetsItsFirstDigestAtTheSchedulesNextOccurrenceNotAtOnce()
    {
        var sender = Substitute.For<IMailSender>();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns("250 ok");
        using var sp = Services(sender);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        var dispatch = sp.GetRequiredService<DigestDispatch>();
        await SubscribeAsync(sp, subscribed: time.Now); // 07:30, the daily digest is at 07:00

        Assert.Equal(new DigestDispatch.Summary(0, 0, 0, 0, 0), await dispatch.SendDueAsync(CancellationToken.None));
        time.Now = At("2026-11-27T06:59:59Z");
        Assert.Equal(0, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);
        time.Now = At("2026-11-27T07:00:00Z");
        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);
        Assert.Equal("2026-11-27T07:00Z", Assert.Single(await sp.GetRequiredService<DigestStore>().HistoryAsync(CancellationToken.None)).Period);
        Assert.Single(sender.ReceivedCalls());
    }

    /// <summary>
    /// What was sent is in the ledger (a digest per subscription and period) and so is when the subscription was made: a
    /// service started again decides the same, so it neither sends a period again nor skips one that began while it was down.
    /// </summary>
    [Fact]
    public async Task ARestartNeitherSendsAPeriodAgainNorSkipsOneThatBeganWhileTheServiceWasDown()
    {
        var sender = Substitute.For<IMailSender>();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns("250 ok");
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        using (var first = Services(sender))
        {
            await SubscribeAsync(first, subscribed: time.Now);
            Assert.Equal(0, (await first.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None)).Sent);
        }
        // Restarted before the first occurrence: still nothing (the period it was subscribed in is not its own).
        time.Now = At("2026-11-26T18:00:00Z");
        using (var second = Services(sender))
            Assert.Equal(0, (await second.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None)).Sent);

        time.Now = At("2026-11-27T07:00:30Z");
        using (var third = Services(sender))
            Assert.Equal(1, (await third.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None)).Sent);
        // Restarted within the same period: not sent again.
        time.Now = At("2026-11-27T07:05:00Z");
        using (var fourth = Services(sender))
            Assert.Equal(0, (await fourth.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None)).Sent);
        // Down across the next occurrence (07:00 on the 28th), up again at 09:00: that period's digest goes out then.
        time.Now = At("2026-11-28T09:00:00Z");
        using (var fifth = Services(sender))
            Assert.Equal(1, (await fifth.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None)).Sent);

        using var last = Services(sender);
        var periods = (await last.GetRequiredService<DigestStore>().HistoryAsync(CancellationToken.None)).Select(h => h.Period);
        Assert.Equal(["2026-11-27T07:00Z", "2026-11-28T07:00Z"], periods);
        Assert.Equal(2, sender.ReceivedCalls().Count());
    }

    /// <summary>
    /// A subscriber who moves the daily digest from 07:00 to 09:00 at 10:00 gets nothing at once (today's 09:00 began
    /// before the change), and the next one at 09:00 tomorrow.
    /// </summary>
    [Fact]
    public async Task ANewScheduleSendsNothingAtOnceForAPeriodThatBeganBeforeTheChangeAndTheNextOneOnTime()
    {
        var sender = Substitute.For<IMailSender>();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns("250 ok");
        using var sp = Services(sender);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        var dispatch = sp.GetRequiredService<DigestDispatch>();
        await SubscribeAsync(sp); // a day ago, daily at 07:00
        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Sent); // 07:30: today's 07:00

        time.Now = At("2026-11-26T10:00:00Z");
        await SubscribeAsync(sp, every: "0 9 * * *", subscribed: time.Now);
        Assert.Equal(0, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);
        time.Now = At("2026-11-27T08:59:59Z");
        Assert.Equal(0, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);
        time.Now = At("2026-11-27T09:00:00Z");
        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);

        var periods = (await sp.GetRequiredService<DigestStore>().HistoryAsync(CancellationToken.None)).Select(h => h.Period);
        Assert.Equal(["2026-11-26T07:00Z", "2026-11-27T09:00Z"], periods);
    }

    /// <summary>Subscribing again with the same schedule (other sections, say) keeps its start: the period due and not yet sent still goes.</summary>
    [Fact]
    public async Task SubscribingAgainWithTheSameScheduleDoesNotLoseThePeriodDueNow()
    {
        var sender = Substitute.For<IMailSender>();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns("250 ok");
        using var sp = Services(sender);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        await SubscribeAsync(sp); // a day ago, daily at 07:00; now 07:30, today's not sent yet
        await SubscribeAsync(sp, subsystems: ["HARDWARE MONITORING"], subscribed: time.Now);

        Assert.Equal(1, (await sp.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None)).Sent);
        Assert.Equal("2026-11-26T07:00Z", Assert.Single(await sp.GetRequiredService<DigestStore>().HistoryAsync(CancellationToken.None)).Period);
    }

    [Theory]
    [InlineData("0 7 * * *", "2026-11-26T07:30:00Z", "2026-11-26T07:45:00Z", null)]
    [InlineData("0 7 * * *", "2026-11-26T07:30:00Z", "2026-11-27T07:00:00Z", "2026-11-27T07:00Z")]
    [InlineData("0 7 * * *", "2026-11-26T06:59:59Z", "2026-11-26T07:00:00Z", "2026-11-26T07:00Z")]
    [InlineData("0 7 * * *", "2026-11-26T07:00:00Z", "2026-11-26T07:00:00Z", "2026-11-26T07:00Z")]
    [InlineData("0 7 * * 1", "2026-11-26T12:00:00Z", "2026-11-29T12:00:00Z", null)]
    [InlineData("0 7 * * 1", "2026-11-26T12:00:00Z", "2026-11-30T07:00:00Z", "2026-11-30T07:00Z")]
    public void TheDuePeriodIsTheCurrentOneOnlyWhenItBeganAtOrAfterTheSubscription(string every, string subscribed, string now, string? due) =>
        Assert.Equal(due, DigestSchedule.DuePeriod(every, At(subscribed), At(now)));

    [Theory]
    [InlineData("0 7 * * *", "2026-11-26T07:30:00Z", "2026-11-27T07:00:00Z")]
    [InlineData("0 7 * * *", "2026-11-26T06:00:00Z", "2026-11-26T07:00:00Z")]
    [InlineData("0 7 * * 1", "2026-11-26T12:00:00Z", "2026-11-30T07:00:00Z")]
    public void TheFirstDigestIsAtTheFirstOccurrenceAtOrAfterSubscribing(string every, string subscribed, string first) =>
        Assert.Equal(At(first), DigestSchedule.First(every, At(subscribed)));

    [Fact]
    public async Task WithoutAnSmtpHostTheDigestIsWrittenToTheOutboxOncePerPeriod()
    {
        using var sp = Services();
        await SubscribeAsync(sp);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("hwmon: (lm75) add a sensor", 4)));
        var dispatch = sp.GetRequiredService<DigestDispatch>();

        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);
        Assert.Equal(0, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);
        var file = Assert.Single(Directory.GetFiles(dir.File("outbox"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("hwmon: (lm75) add a sensor", message.TextBody);
        Assert.Equal("<https://rq.example.org/unsubscribe/token123>", message.Headers["List-Unsubscribe"]);
        Assert.Contains("https://rq.example.org/series/1", message.TextBody);
        var history = await sp.GetRequiredService<DigestStore>().HistoryAsync(CancellationToken.None);
        Assert.Equal(("2026-11-26T07:00Z", "sent", 1), (history[0].Period, history[0].State, history[0].Attempts));

        // The next day is a new period: a new digest with a new Message-ID.
        time.Now = time.Now.AddDays(1);
        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);
        Assert.Equal(2, Directory.GetFiles(dir.File("outbox"), "*.eml").Length);
    }

    /// <summary>
    /// `digest preview` shows the digest the address gets next, labelled with that digest's period: the one due now while it
    /// is unsent, else the schedule's next. It said the period running now, one a subscription made after it never gets (its
    /// confirmation named the next) and one already sent once its digest had gone out.
    /// </summary>
    [Fact]
    public async Task APreviewIsLabelledWithThePeriodOfTheDigestItShows()
    {
        using var sp = Services();
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("hwmon: (lm75) add a sensor", 4)));
        var writer = sp.GetRequiredService<DigestWriter>();
        var from = new MailboxAddress("ReviewQueue", "rq@example.org");
        async Task<string> LabelAsync(DigestSubscription s) =>
            (await writer.PreviewAsync(s, from, CancellationToken.None))!.TextBody!.Split('(', ')')[1];

        // Made at 07:30, after today's 07:00: its first digest is tomorrow's.
        Assert.Equal("2026-11-27T07:00Z", await LabelAsync(await sp.GetRequiredService<DigestStore>().SubscribeAsync("new@example.org", [],
            DigestSchedule.Daily, TimeSpan.Zero, "token456", time.Now, CancellationToken.None)));
        // Made yesterday: today's is due and not sent yet; once sent, the next is tomorrow's.
        var subscription = await SubscribeAsync(sp);
        Assert.Equal("2026-11-26T07:00Z", await LabelAsync(subscription));
        Assert.Equal(1, (await sp.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None)).Sent);
        Assert.Equal("2026-11-27T07:00Z", await LabelAsync(subscription));
    }

    [Fact]
    public async Task NothingWaitingMeansNothingSentAndNothingRecorded()
    {
        var sender = Substitute.For<IMailSender>();
        using var sp = Services(sender);
        await SubscribeAsync(sp, minAgeDays: 7);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("young series", 2)));

        var summary = await sp.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None);
        Assert.Equal((0, 1), (summary.Sent, summary.NothingToSay));
        await sender.DidNotReceive().SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>());
        Assert.Empty(await sp.GetRequiredService<DigestStore>().HistoryAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AFailedSendIsRecordedFirstAndRetriedWithTheSameMessageId()
    {
        var sender = Substitute.For<IMailSender>();
        var seen = new List<(string? Id, string State)>();
        using var sp = Services(sender);
        var store = sp.GetRequiredService<DigestStore>();
        Func<NSubstitute.Core.CallInfo, Task<string>> refuse = async call =>
        {
            // The digest is in the ledger before it leaves.
            var history = await store.HistoryAsync(CancellationToken.None);
            seen.Add((call.Arg<MimeMessage>().MessageId, history.Single().State));
            throw new IOException("connection refused");
        };
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns(refuse, call => Task.FromResult("250 ok"));
        await SubscribeAsync(sp);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        var dispatch = sp.GetRequiredService<DigestDispatch>();

        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Failed);
        var failed = (await store.HistoryAsync(CancellationToken.None)).Single();
        Assert.Equal(("failed", 1), (failed.State, failed.Attempts));
        Assert.Equal("IOException: connection refused", failed.LastError);

        var retry = await dispatch.SendDueAsync(CancellationToken.None);
        Assert.Equal((1, 1), (retry.Sent, retry.Retried));
        var calls = sender.ReceivedCalls().Select(c => ((MimeMessage)c.GetArguments()[0]!).MessageId).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0], calls[1]);
        Assert.Equal("queued", seen.Single().State);
        Assert.Equal(("sent", 2), ((await store.HistoryAsync(CancellationToken.None)).Single().State, (await store.HistoryAsync(CancellationToken.None)).Single().Attempts));
    }

    /// <summary>
    /// The SMTP server is down from Thursday's digest until after Friday's is due: once it is back, the subscriber gets
    /// Friday's digest, not Thursday's as well, a day out of date, in the same round (as of periods missed while the service
    /// was down, only the latest goes out). Thursday's is kept as dropped.
    /// </summary>
    [Fact]
    public async Task AnUnsentDigestIsDroppedOnceTheNextPeriodsDigestIsDue()
    {
        var sender = Substitute.For<IMailSender>();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns(
            _ => throw new IOException("connection refused"), _ => throw new IOException("connection refused"), _ => Task.FromResult("250 ok"));
        using var sp = Services(sender);
        var store = sp.GetRequiredService<DigestStore>();
        await SubscribeAsync(sp);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        var dispatch = sp.GetRequiredService<DigestDispatch>();

        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Failed); // Thursday 07:30
        time.Now = time.Now.AddDays(1);
        await dispatch.SendDueAsync(CancellationToken.None); // Friday 07:30: still down
        time.Now = time.Now.AddHours(1);
        await dispatch.SendDueAsync(CancellationToken.None); // back

        var sent = sender.ReceivedCalls().Select(c => (MimeMessage)c.GetArguments()[0]!).ToList();
        var history = await store.HistoryAsync(CancellationToken.None);
        Assert.Equal([("2026-11-26T07:00Z", "dropped"), ("2026-11-27T07:00Z", "sent")], history.Select(h => (h.Period, h.State)));
        Assert.Equal(history[1].MessageId, sent[^1].MessageId);
        Assert.DoesNotContain(sent.Skip(1), m => m.MessageId == history[0].MessageId);
    }

    /// <summary>
    /// A subscriber whose digest could not go out (SMTP down) unsubscribes, and subscribes again two weeks later: that is
    /// a new subscription, whose first digest comes at the schedule's next occurrence. The old one's unsent digest, two
    /// weeks out of date, went out at once.
    /// </summary>
    [Fact]
    public async Task SubscribingAgainAfterUnsubscribingDoesNotSendTheEndedSubscriptionsUnsentDigest()
    {
        var sender = Substitute.For<IMailSender>();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns(_ => throw new IOException("connection refused"),
            _ => Task.FromResult("250 ok"));
        using var sp = Services(sender);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        var store = sp.GetRequiredService<DigestStore>();
        var dispatch = sp.GetRequiredService<DigestDispatch>();
        await SubscribeAsync(sp);
        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Failed);
        Assert.True(await store.UnsubscribeAsync("maintainer@example.org", time.Now, CancellationToken.None));

        time.Now = At("2026-12-10T10:00:00Z");
        await SubscribeAsync(sp, subscribed: time.Now);
        Assert.Equal(new DigestDispatch.Summary(0, 0, 0, 0, 0), await dispatch.SendDueAsync(CancellationToken.None));
        time.Now = At("2026-12-11T07:00:00Z");
        Assert.Equal((1, 0), (await dispatch.SendDueAsync(CancellationToken.None)) is var next ? (next.Sent, next.Retried) : default);

        var history = await store.HistoryAsync(CancellationToken.None);
        Assert.Equal([("2026-11-26T07:00Z", "dropped"), ("2026-12-11T07:00Z", "sent")], history.Select(h => (h.Period, h.State)));
        Assert.Equal(2, sender.ReceivedCalls().Count());
    }

    /// <summary>
    /// Subscribing again after an unsubscribe is a new subscription (as its schedule and its unsent digests are), with a new
    /// unsubscribe link: the old one was used, its page said no more digests would come, and it stays in every digest sent
    /// before, in archives and forwards of them, and in a mail client that retries its one-click POST, where it would end
    /// the subscription just made. Settings changed while subscribed keep the link, so every digest sent still unsubscribes.
    /// </summary>
    [Fact]
    public async Task SubscribingAgainAfterUnsubscribingGivesANewUnsubscribeLinkAndAChangeOfSettingsKeepsIt()
    {
        using var sp = Services();
        var store = sp.GetRequiredService<DigestStore>();
        const string address = "maintainer@example.org";
        await store.SubscribeAsync(address, [], DigestSchedule.Daily, TimeSpan.Zero, "first", time.Now, CancellationToken.None);
        var changed = await store.SubscribeAsync(address, ["HARDWARE MONITORING"], DigestSchedule.Daily, TimeSpan.FromDays(3), "second",
            time.Now, CancellationToken.None);
        Assert.Equal("first", changed.Token);
        Assert.True(await store.UnsubscribeByTokenAsync("first", time.Now, CancellationToken.None));

        time.Now = At("2026-12-10T10:00:00Z");
        var again = await store.SubscribeAsync(address, [], DigestSchedule.Daily, TimeSpan.Zero, "third", time.Now, CancellationToken.None);
        Assert.Equal("third", again.Token);
        Assert.Null(await store.FindByTokenAsync("first", CancellationToken.None));
        Assert.False(await store.UnsubscribeByTokenAsync("first", time.Now, CancellationToken.None));
        Assert.Equal("third", (await store.FindAsync(address, CancellationToken.None))?.Token);
    }

    /// <summary>
    /// A one-click unsubscribe (the web endpoint runs beside the worker) that lands between a digest's recording and its
    /// sending: no more digests means that one too, and the round goes on. The round looked the new digest up among the
    /// unsent ones of active subscriptions and threw when it was not there, which stopped `run` with exit 1.
    /// </summary>
    [Fact]
    public async Task AnUnsubscribeBetweenRecordingADigestAndSendingItStopsThatDigestAndNotTheRound()
    {
        var sender = Substitute.For<IMailSender>();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns("250 ok");
        using var sp = Services(sender);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        await SubscribeAsync(sp);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dir.File("ledger.db")};Pooling=False"))
        {
            c.Open();
            // The unsubscribe lands right after the digest is recorded.
            using var meanwhile = new Microsoft.Data.Sqlite.SqliteCommand("""
                CREATE TRIGGER unsubscribe_meanwhile AFTER INSERT ON digests BEGIN
                    UPDATE digest_subscriptions SET unsubscribed = '2026-11-26T07:30:00.000+00:00' WHERE id = NEW.subscription;
                END
                """, c);
            meanwhile.ExecuteNonQuery();
        }

        Assert.Equal(new DigestDispatch.Summary(0, 0, 0, 0, 0), await sp.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None));
        await sender.DidNotReceive().SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>());
    }

    static SmtpCommandException UserUnknown() => new(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable,
        new MailboxAddress("", "maintainer@example.org"), "5.1.1 <maintainer@example.org>: Recipient address rejected: User unknown");

    [Fact]
    public async Task ADigestTheServerRefusesForGoodIsNotSentAgainButTheNextPeriodsIs()
    {
        var sender = Substitute.For<IMailSender>();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Throws(UserUnknown());
        using var sp = Services(sender);
        await SubscribeAsync(sp);
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
        var dispatch = sp.GetRequiredService<DigestDispatch>();
        var store = sp.GetRequiredService<DigestStore>();

        Assert.Equal((0, 0, 1), ((await dispatch.SendDueAsync(CancellationToken.None)) is var first ? (first.Sent, first.Failed, first.Refused) : default));
        var refused = (await store.HistoryAsync(CancellationToken.None)).Single();
        Assert.Equal(("refused", 1), (refused.State, refused.Attempts));
        Assert.Contains("User unknown", refused.LastError);
        Assert.Contains(warnings.Lines, l => l.Contains("refused by the SMTP server, not sent again") && l.Contains("User unknown"));

        // Later rounds of the same period leave it alone (it was sent again every Digest:CheckInterval, for ever).
        for (int i = 0; i < 3; i++)
            Assert.Equal(new DigestDispatch.Summary(0, 0, 0, 0, 0), await dispatch.SendDueAsync(CancellationToken.None));
        Assert.Single(sender.ReceivedCalls());

        // The subscription stays: the next period's digest is tried (the address may have been created meanwhile).
        time.Now = time.Now.AddDays(1);
        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Refused);
        Assert.Equal(2, sender.ReceivedCalls().Count());
    }

    [Fact]
    public void OnlyAnSmtpServersFiveHundredRepliesAreRefusalsForGood()
    {
        Assert.True(SmtpFailure.IsPermanent(UserUnknown()));
        Assert.False(SmtpFailure.IsPermanent(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy,
            new MailboxAddress("", "a@example.org"), "4.2.1 try again later")));
        Assert.False(SmtpFailure.IsPermanent(new IOException("connection refused")));
        Assert.False(SmtpFailure.IsPermanent(new MailKit.Security.AuthenticationException("535 bad password")));
    }

    [Fact]
    public async Task ADigestInterruptedMidSendIsSentAgainWithTheSameMessageIdAfterItsClaimExpires()
    {
        var sender = Substitute.For<IMailSender>();
        // The process "dies" while sending: the send never returns to mark the digest.
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns(
            _ => throw new OperationCanceledException("process killed"),
            _ => Task.FromResult("250 ok"));
        using (var sp = Services(sender))
        {
            await SubscribeAsync(sp);
            source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("a series", 3)));
            await Assert.ThrowsAsync<OperationCanceledException>(() => sp.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None));
        }
        using var restarted = Services(sender);
        var dispatch = restarted.GetRequiredService<DigestDispatch>();
        Assert.Equal(0, (await dispatch.SendDueAsync(CancellationToken.None)).Sent); // still claimed by the dead sender
        time.Now += DigestDispatch.SendLease + TimeSpan.FromSeconds(1);
        Assert.Equal(1, (await dispatch.SendDueAsync(CancellationToken.None)).Sent);
        var ids = sender.ReceivedCalls().Select(c => ((MimeMessage)c.GetArguments()[0]!).MessageId).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0], ids[1]);
    }

    [Theory]
    [InlineData("0 7 * * *", "2026-11-26T06:59:00Z", "2026-11-25T07:00Z")]
    [InlineData("0 7 * * *", "2026-11-26T07:00:00Z", "2026-11-26T07:00Z")]
    [InlineData("0 7 * * 1", "2026-11-26T12:00:00Z", "2026-11-23T07:00Z")]
    [InlineData("*/15 * * * *", "2026-11-26T12:14:59Z", "2026-11-26T12:00Z")]
    [InlineData("0 0 1 1 *", "2026-11-26T12:00:00Z", "2026-01-01T00:00Z")]
    public void ThePeriodIsTheLatestOccurrenceAtOrBeforeNow(string every, string now, string period) =>
        Assert.Equal(period, DigestSchedule.Period(every, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("3d", 3 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("2w", 14 * 24 * 60)]
    [InlineData("1.12:00:00", 36 * 60)]
    public void MinimumAgesReadLikeTheyAreWritten(string text, int minutes)
    {
        Assert.True(DigestSchedule.TryParseAge(text, out var age));
        Assert.Equal(TimeSpan.FromMinutes(minutes), age);
    }

    [Fact]
    public async Task DigestsLinkingToTheLoopbackDefaultWarnOnceThatDashboardUrlIsNeeded()
    {
        using var sp = Services(dashboardUrl: null); // Web:Urls' default, http://127.0.0.1:5080
        var dispatch = sp.GetRequiredService<DigestDispatch>();
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("hwmon: (lm75) add a sensor", 4)));
        await dispatch.SendDueAsync(CancellationToken.None);
        Assert.Empty(warnings.Lines); // no subscription: nothing to send, nothing to warn about

        await SubscribeAsync(sp);
        await dispatch.SendDueAsync(CancellationToken.None);
        time.Now = time.Now.AddDays(1);
        await dispatch.SendDueAsync(CancellationToken.None);
        var warning = Assert.Single(warnings.Lines);
        Assert.Contains("http://127.0.0.1:5080", warning);
        Assert.Contains("Digest:DashboardUrl", warning);
    }

    [Fact]
    public async Task DigestsLinkingToAPublicDashboardUrlSendWithoutWarning()
    {
        using var sp = Services();
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("hwmon: (lm75) add a sensor", 4)));
        await SubscribeAsync(sp);
        Assert.Equal(1, (await sp.GetRequiredService<DigestDispatch>().SendDueAsync(CancellationToken.None)).Sent);
        Assert.Empty(warnings.Lines);
    }

    [Theory]
    [InlineData(null, null, "  Mail:      https://lore.kernel.org/r/patch-0@example.org")]
    [InlineData("Archive:Url", "https://inbox.example.org/private/", "  Mail:      https://inbox.example.org/private/patch-0@example.org")]
    [InlineData("Archive:Url", "https://lists.example.org/archives/devel", "  Mail:      https://lists.example.org/archives/devel/patch-0@example.org")]
    [InlineData("Archive:Url", "", null)]
    [InlineData("Digest:ArchiveUrl", "https://inbox.example.org/private/", "  Mail:      https://inbox.example.org/private/patch-0@example.org")]
    [InlineData("Digest:ArchiveUrl", "", null)]
    public async Task EachSeriesLinksToTheConfiguredArchiveOrToNone(string? key, string? archiveUrl, string? line)
    {
        using var sp = Services(archive: key is null ? null : (key, archiveUrl!));
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Waiting(("hwmon: (lm75) add a sensor", 4)));
        var message = await sp.GetRequiredService<DigestWriter>().PreviewAsync(await SubscribeAsync(sp), new MailboxAddress("ReviewQueue", "rq@example.org"),
            CancellationToken.None);

        var text = message!.TextBody;
        if (line is null)
            Assert.DoesNotContain("Mail:", text);
        else
            Assert.Contains(line + "\n", text);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://localhost:5080", false)]
    [InlineData("http://[::1]:5080", false)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("https://rq.example.org", true)]
    [InlineData("http://192.0.2.7:5080", true)]
    public void OnlyAnAddressAnotherMachineCanReachIsPublic(string dashboard, bool reachable) =>
        Assert.Equal(reachable, DigestDispatch.IsPublic(dashboard));

    /// <summary>The warnings logged, as text.</summary>
    sealed class WarningLog : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                lock (Lines)
                    Lines.Add(formatter(state, exception));
        }
        public void Dispose() { }
    }

    [Theory]
    [InlineData("0d", "0d")]
    [InlineData("3d", "3d")]
    [InlineData("12h", "12h")]
    [InlineData("2w", "2w")]
    [InlineData("90m", "90m")]
    [InlineData("1.12:00:00", "36h")]
    [InlineData("14d", "2w")]
    public void MinimumAgesAreShownAsTheyAreWritten(string given, string shown)
    {
        Assert.True(DigestSchedule.TryParseAge(given, out var age));
        Assert.Equal(shown, DigestSchedule.FormatAge(age));
    }

    public void Dispose() => dir.Dispose();
}
