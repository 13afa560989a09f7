using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using ReviewQueue.Configuration;
using ReviewQueue.Digest;
using ReviewQueue.Imap;
using ReviewQueue.Lists;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using ReviewQueue.Import;
using ReviewQueue.Review;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Trees;

namespace ReviewQueue;

/// <summary>Everything every command shares: options, the ledger and its stores, the import path.</summary>
public static class ServiceSetup
{
    public static IServiceCollection AddReviewQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSection<LedgerOptions>(configuration);
        services.AddSection<ImportOptions>(configuration);
        services.AddSection<WebOptions>(configuration);
        services.AddSection<ReviewOptions>(configuration);
        services.AddSection<ImapOptions>(configuration);
        services.AddSection<SmtpOptions>(configuration);
        services.AddSection<DigestOptions>(configuration);
        services.AddSection<ArchiveOptions>(configuration);
        services.Configure<ArchiveOptions>(o => o.OlderUrl = configuration[ArchiveOptions.OlderKey]);
        // Every link to a mail (dashboard, digests, am --add-link) goes to this one archive.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ArchiveOptions>>().Value.Archive);
        services.AddSection<MaintainersOptions>(configuration);
        services.Configure<MaintainersOptions>(o => o.TreeNames =
            [.. configuration.GetSection(TreeList.Section).GetChildren().Select(t => t["Name"]).OfType<string>()]);
        services.AddSection<TreeSyncOptions>(configuration);
        TreeList.Add(services, configuration);
        services.AddSingleton<IReadOnlyList<TreeOptions>>(sp => sp.GetRequiredService<IOptions<TreeList>>().Value.Trees);

        services.AddLogging(); // hosts add their providers; a bare collection (tests, benchmarks) still resolves loggers
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var ledger = sp.GetRequiredService<IOptions<LedgerOptions>>().Value;
            return Ledger.Open(ledger.Database, ledger.BusyTimeout);
        });
        // Validated at start (ReviewOptions.Validate), so the policy is there when asked for.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReviewOptions>>().Value.LoadedSeeds().Policy!);
        services.AddSingleton<MessageStore>();
        services.AddSingleton<MetaStore>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<TopicStore>();
        services.AddSingleton<ReviewRulesProvider>();
        services.AddSingleton<SeriesProjection>();
        // Sections from MAINTAINERS (Maintainers:*); without one every file is THE REST, as get_maintainer.pl does.
        services.AddSingleton<Subsystems.MaintainersSubsystems>();
        services.AddSingleton<ISubsystemMap>(sp => sp.GetRequiredService<Subsystems.MaintainersSubsystems>());
        services.AddSingleton<ITopicsFollower, Subsystems.SubsystemLinks>();
        services.AddSingleton<DebtStore>();
        services.AddSingleton<DebtProjection>();
        services.AddSingleton<ITopicsFollower>(sp => sp.GetRequiredService<DebtProjection>());
        services.AddSingleton<Backlog>();
        services.AddSingleton<Reindexer>();
        services.AddSingleton<ReadingStamp>();
        services.AddSingleton<IMessageClassifier, MailReaderClassifier>();
        services.AddSingleton<SubsystemStore>();
        services.AddSingleton<Subsystems.MaintainersSource>();
        services.AddSingleton<MailImport>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<TreeStore>();
        services.AddSingleton<PatchKeyIndex>();
        services.AddSingleton<TreeSync>();
        services.AddSingleton<PatchCheck>();
        services.AddSingleton<RevisionCheck>();

        services.AddSingleton<ImapCursorStore>();
        services.AddSingleton<ListStore>();
        services.AddSingleton<DigestStore>();
        services.AddSingleton<ImapFolderSync>();
        services.AddSingleton<ListSubscription>();
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.Configured
            ? ActivatorUtilities.CreateInstance<SmtpMailSender>(sp)
            : ActivatorUtilities.CreateInstance<OutboxMailSender>(sp));
        // A digest says what the review backlog says.
        services.AddSingleton<IDigestSource, BacklogDigestSource>();
        services.AddSingleton<DigestWriter>();
        services.AddSingleton<DigestDispatch>();
        return services;
    }

    /// <summary>`run`'s mail workers: one IMAP reader per Imap:Accounts entry, and the digest schedule.</summary>
    public static IServiceCollection AddMailWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        var accounts = configuration.GetSection("Imap:Accounts").GetChildren().Count();
        for (int i = 0; i < accounts; i++)
        {
            var index = i;
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<ImapWorker>(sp, index));
        }
        services.AddHostedService<DigestWorker>();
        return services;
    }
}
