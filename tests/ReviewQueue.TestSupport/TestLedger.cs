using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Import;
using ReviewQueue.Storage;

namespace ReviewQueue.TestSupport;

/// <summary>A fresh SQLite ledger in a temp folder with the real import path wired as the host wires it.</summary>
public sealed class TestLedger : IDisposable
{
    readonly ServiceProvider services;

    public TempDir Dir { get; } = new("rq-ledger");
    public string DatabasePath => Dir.File("ledger.db");

    /// <param name="settings">More configuration (e.g. Maintainers:File), over the ledger's own.</param>
    /// <param name="time">A clock instead of the system's (debt is measured as of now).</param>
    public TestLedger(int batchSize = 500, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ledger:Database"] = DatabasePath,
                ["Import:BatchSize"] = batchSize.ToString(),
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var collection = new ServiceCollection().AddReviewQueue(configuration);
        if (time is not null)
            collection.AddSingleton(time);
        services = collection.BuildServiceProvider();
    }

    public ImportRunner Runner => services.GetRequiredService<ImportRunner>();
    public IServiceProvider Services => services;
    public MailImport Import => services.GetRequiredService<MailImport>();
    public MessageStore Messages => services.GetRequiredService<MessageStore>();
    public Ledger Ledger => services.GetRequiredService<Ledger>();

    public Task<ImportSummary> ImportAsync(params string[] paths) =>
        Runner.RunAsync(paths, listId: null, showProgress: false, stdin: null, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Dir.Dispose();
    }
}
