using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using ReviewQueue.Import;
using ReviewQueue.Review;
using ReviewQueue.Series;
using ReviewQueue.Storage;

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

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var ledger = sp.GetRequiredService<IOptions<LedgerOptions>>().Value;
            return Ledger.Open(ledger.Database, ledger.BusyTimeout);
        });
        // Validated at start (ReviewOptions.Validate), so the policy is there when asked for.
        services.AddSingleton(sp => ReviewSeeds.Load(sp.GetRequiredService<IOptions<ReviewOptions>>().Value).Policy!);
        services.AddSingleton<MessageStore>();
        services.AddSingleton<MetaStore>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<TopicStore>();
        services.AddSingleton<ReviewRulesProvider>();
        services.AddSingleton<SeriesProjection>();
        // Until a MAINTAINERS matcher is wired, every file is THE REST (get_maintainer.pl's own fallback).
        services.AddSingleton<ISubsystemMap, TheRestSubsystems>();
        services.AddSingleton<DebtStore>();
        services.AddSingleton<DebtProjection>();
        services.AddSingleton<ITopicsFollower>(sp => sp.GetRequiredService<DebtProjection>());
        services.AddSingleton<Backlog>();
        services.AddSingleton<Reindexer>();
        services.AddSingleton<IMessageClassifier, MailReaderClassifier>();
        services.AddSingleton<MailImport>();
        services.AddSingleton<ImportRunner>();
        return services;
    }
}
