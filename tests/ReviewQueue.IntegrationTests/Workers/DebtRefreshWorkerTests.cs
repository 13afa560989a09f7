using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Commands;
using ReviewQueue.Core.Series;
using ReviewQueue.Import;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;
using ReviewQueue.Workers;
using static ReviewQueue.IntegrationTests.Series.GroupedRebuildTests;

namespace ReviewQueue.IntegrationTests.Workers;

/// <summary>
/// The debt refresh of `run` (DebtRefreshWorker), on a clock whose refresh timer fires every 200 ms instead of every ten
/// minutes: it follows an edited .mailmap without a restart, and a refresh that fails does not stop the service.
/// </summary>
public sealed class DebtRefreshWorkerTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);
    const string AdaAtWork = "Ada Author <ada@corp.example>", AdaAtHome = "Ada A. <ada@home.example>", Rob = "Rob Reviewer <rob@example.org>";

    // p (Ada, from work) ─ p.r (Rob: Reviewed-by)
    // q (Rob) ─ q.r (Ada, from home: Reviewed-by)
    static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-2);
    static readonly string Mbox =
        Patch("p", null, Start, "[PATCH] hwmon: (demo) one", "one", AdaAtWork) +
        Entry("p.r", "p", Start.AddHours(1), "Re: [PATCH] hwmon: (demo) one", "Reviewed-by: " + Rob + "\n", Rob) +
        Patch("q", null, Start.AddHours(2), "[PATCH] hwmon: (other) two", "two", Rob) +
        Entry("q.r", "q", Start.AddHours(5), "Re: [PATCH] hwmon: (other) two", "Reviewed-by: " + AdaAtHome + "\n", AdaAtHome);

    const string Maintainers = "DEMO SENSORS\nM:\tMia Maintainer <mia@example.org>\nS:\tMaintained\nF:\tdrivers/hwmon/\n";

    [Fact]
    public async Task AMailmapEditedWhileTheServiceRunsIsFollowedWithoutARestart()
    {
        using var dir = new TempDir("rq-refresh-mailmap");
        var logged = new LogLines();
        await using var app = await StartAsync(dir, s => s.AddLogging(l => l.AddProvider(logged)));
        Assert.Equal(3, StoredPeople(app));

        // An operator merges Ada's two addresses in the .mailmap beside MAINTAINERS (as the kernel keeps it).
        File.WriteAllText(dir.File(".mailmap"), "Ada Author <ada@corp.example> <ADA@home.example>\n");

        await Until(() => StoredPeople(app) == 2, "the people stored under the edited .mailmap");
        var people = await app.Services.GetRequiredService<ReviewQueue.Debt.Backlog>().PeopleAsync(null, TestContext.Current.CancellationToken);
        Assert.Equal(["ada@home.example"], Assert.Single(people.People, p => p.Key == "ada@corp.example").MappedFrom);
        Assert.Contains(logged.Lines(), l => l.Contains("MAINTAINERS and .mailmap read again from") && l.Contains(dir.File("MAINTAINERS")));
        // The refresh logs once its rebuild has returned, a moment after its followers stored the people looked at above.
        await Until(() => logged.Lines().Any(l => l.Contains("Review debt refreshed for a changed MAINTAINERS or .mailmap")), "the refresh's log line");

        // Taken away again: each address is a person of its own once more.
        File.Delete(dir.File(".mailmap"));
        await Until(() => StoredPeople(app) == 3, "the people stored without a .mailmap");
    }

    [Fact]
    public async Task AMaintainersThatCannotBeReadAfterAnEditIsSaidAndTheOneReadBeforeStaysInUse()
    {
        using var dir = new TempDir("rq-refresh-bad-maintainers");
        var logged = new LogLines();
        await using var app = await StartAsync(dir, s => s.AddLogging(l => l.AddProvider(logged)));
        var map = app.Services.GetRequiredService<ReviewQueue.Subsystems.MaintainersSubsystems>();
        var before = map.Signature;

        // Saved half way by an editor, or another file written over it: no section in it.
        File.WriteAllText(dir.File("MAINTAINERS"), "to be written\n");

        await Until(() => logged.Count(l => l.Contains("cannot be read again")) >= 1, "the warning");
        Assert.Contains(logged.Lines(), l => l.StartsWith("Warning MAINTAINERS or .mailmap cannot be read again (") &&
            l.Contains("holds no MAINTAINERS section") && l.EndsWith("the ones read before stay in use"));
        Assert.Equal(before, map.Signature);
        Assert.Equal(["DEMO SENSORS"], map.SectionsOf(["drivers/hwmon/one.c"]));
    }

    [Fact]
    public async Task AMailmapCommittedToTheMaintainersTreeIsFollowedWithoutARestart()
    {
        using var dir = new TempDir("rq-refresh-tree-mailmap");
        var tree = Directory.CreateDirectory(dir.File("tree")).FullName;
        Run.Git(dir.Path, "init", "-q", "-b", "main", tree);
        File.WriteAllText(Path.Combine(tree, "MAINTAINERS"), Maintainers);
        Run.Git(tree, "add", "-A");
        Run.Git(tree, "commit", "-q", "-m", "start");
        var trees = $$"""[ { "Name": "demo", "Path": "{{tree}}", "Branches": [ "main" ] } ]""";
        await using var app = await StartAsync(dir, _ => { }, $$"""{ "Tree": "demo" }, "Trees": {{trees}}""");
        Assert.Equal(3, StoredPeople(app));

        File.WriteAllText(Path.Combine(tree, ".mailmap"), "Ada Author <ada@corp.example> <ADA@home.example>\n");
        Run.Git(tree, "add", "-A");
        Run.Git(tree, "commit", "-q", "-m", "mailmap");

        await Until(() => StoredPeople(app) == 2, "the people stored under the tree's new .mailmap");
    }

    [Fact]
    public async Task ARefreshThatFailsIsLoggedAndTriedAgainAndTheServiceServesOn()
    {
        using var dir = new TempDir("rq-refresh-fails");
        var logged = new LogLines();
        var failing = new FailingOnce();
        await using var app = await StartAsync(dir, s =>
        {
            s.AddLogging(l => l.AddProvider(logged));
            s.AddSingleton<ITopicsFollower>(failing);
        });

        // The stored debt is of yesterday: the next look refreshes it, and that refresh fails as a locked ledger would.
        failing.Armed = true;
        using (var c = new SqliteConnection($"Data Source={dir.File("ledger.db")}"))
            c.Execute("UPDATE meta SET value = @v WHERE key = @k", new { v = DateTimeOffset.UtcNow.AddDays(-1).ToString("O"), k = DebtStore.AsOfKey });

        await Until(() => AsOf(app) >= new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero), "a refresh after the failed one");
        Assert.False(failing.Armed);
        Assert.Contains(logged.Lines(), l => l.StartsWith("Warning Refreshing the review debt failed, trying again in 00:10:00: database is locked"));
        var refresher = app.Services.GetServices<IHostedService>().OfType<DebtRefreshWorker>().Single();
        Assert.False(refresher.ExecuteTask!.IsCompleted, "the refresh worker ended");
        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested,
            "the service is stopping");
    }

    /// <summary>`run` on a ledger that holds <see cref="Mbox"/> assembled, with a MAINTAINERS and no .mailmap yet.</summary>
    /// <param name="maintainers">The Maintainers section (and what follows it); by default File, the MAINTAINERS in <paramref name="dir"/>.</param>
    static async Task<WebApplication> StartAsync(TempDir dir, Action<IServiceCollection> services, string? maintainers = null)
    {
        File.WriteAllText(dir.File("MAINTAINERS"), Maintainers);
        File.WriteAllText(dir.File("mail.mbox"), Mbox);
        maintainers ??= $$"""{ "File": "{{dir.File("MAINTAINERS")}}" }""";
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""
            { "Ledger": { "Database": "{{dir.File("ledger.db")}}" }, "Samples": { "Mail": [""] }, "Web": { "Urls": "http://127.0.0.1:0" },
              "Maintainers": {{maintainers}} }
            """);
        var error = new StringWriter();
        var app = RunCommand.Build(config, null, error, b =>
        {
            b.Services.AddSingleton<TimeProvider>(new SoonerRefresh());
            services(b.Services);
        }) ?? throw new InvalidOperationException(error.ToString());
        await app.Services.GetRequiredService<ImportRunner>().RunAsync([dir.File("mail.mbox")], listId: null, showProgress: false, stdin: null,
            TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    static int StoredPeople(WebApplication app)
    {
        using var c = app.Services.GetRequiredService<Ledger>().Connect();
        return c.ExecuteScalar<int>("SELECT count(*) FROM debt_people WHERE kind = 'person'");
    }

    static DateTimeOffset AsOf(WebApplication app)
    {
        using var c = app.Services.GetRequiredService<Ledger>().Connect();
        return DateTimeOffset.Parse(c.ExecuteScalar<string>("SELECT value FROM meta WHERE key = @k", new { k = DebtStore.AsOfKey })!,
            System.Globalization.CultureInfo.InvariantCulture);
    }

    static async Task Until(Func<bool> done, string what)
    {
        var until = DateTime.UtcNow + Soon;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out after {Soon} waiting for {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The system clock, but the debt refresh's ten-minute timer fires every 200 ms.</summary>
    sealed class SoonerRefresh : TimeProvider
    {
        static TimeSpan Sooner(TimeSpan t) => t == DebtRefreshWorker.Every ? TimeSpan.FromMilliseconds(200) : t;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, Sooner(dueTime), Sooner(period));
    }

    /// <summary>A follower whose next refresh, once armed, fails as a ledger locked past its busy timeout does.</summary>
    sealed class FailingOnce : ITopicsFollower, ITopicsRefresh
    {
        public volatile bool Armed;

        public Task<ITopicsRefresh> BeginAsync(CancellationToken cancellationToken)
        {
            if (Armed)
            {
                Armed = false;
                throw new SqliteException("database is locked", 5);
            }
            return Task.FromResult<ITopicsRefresh>(this);
        }

        public Task AddAsync(IReadOnlyList<Topic> topics, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task EndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
