using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Import;
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

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => Ledger.Open(sp.GetRequiredService<IOptions<LedgerOptions>>().Value.Database));
        services.AddSingleton<MessageStore>();
        services.AddSingleton<MetaStore>();
        services.AddSingleton<IMessageClassifier, MailReaderClassifier>();
        services.AddSingleton<MailImport>();
        services.AddSingleton<ImportRunner>();
        return services;
    }
}
