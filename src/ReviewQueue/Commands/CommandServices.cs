using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReviewQueue.Commands;

/// <summary>
/// What <see cref="CommandHost"/> builds for a one-shot command: its services, disposed with it. No Generic Host: a
/// command runs no hosted services and waits for no lifetime, and the host's own start (its environment, console
/// lifetime, its logger made up front) cost every command ~30 ms of CPU before it read a byte.
/// </summary>
public sealed class CommandServices(ServiceProvider provider, ConfigurationManager configuration) : IDisposable
{
    public IServiceProvider Services => provider;

    public void Dispose()
    {
        provider.Dispose();
        configuration.Dispose();
    }
}
