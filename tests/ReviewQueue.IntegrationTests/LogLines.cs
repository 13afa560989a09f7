using Microsoft.Extensions.Logging;

namespace ReviewQueue.IntegrationTests;

/// <summary>What a host or worker logged at Information and above, "Level message" a line (a logger provider for tests).</summary>
public sealed class LogLines : ILoggerProvider, ILogger
{
    readonly List<string> lines = [];

    public IReadOnlyList<string> Lines() { lock (lines) return [.. lines]; }

    public int Count(Func<string, bool> which) => Lines().Count(which);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            lock (lines)
                lines.Add($"{logLevel} {formatter(state, exception)}");
    }

    public void Dispose() { }
}
