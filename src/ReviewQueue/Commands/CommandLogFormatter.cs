using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ReviewQueue.Commands;

/// <summary>
/// How a one-shot command's log lines read on standard error: as git and the command's own errors say things,
/// "reviewqueue: warning: No MAINTAINERS for review debt …", not the service's "warn: ReviewQueue.Subsystems.MaintainersSubsystems[1842102793] …"
/// (a logger category and an event id mean something in a service's log, nothing at a prompt). An exception adds its
/// message, not its stack. `run` keeps the simple console format with time stamps (Logging:Console).
/// </summary>
sealed class CommandLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "reviewqueue-command";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        textWriter.Write("reviewqueue: ");
        textWriter.Write(logEntry.LogLevel switch
        {
            LogLevel.Critical or LogLevel.Error => "error: ",
            LogLevel.Warning => "warning: ",
            _ => "",
        });
        textWriter.Write(message);
        if (logEntry.Exception is { } e && !message.Contains(e.Message, StringComparison.Ordinal))
            textWriter.Write($"{(message.Length > 0 ? ": " : "")}{e.GetType().Name}: {e.Message}");
        textWriter.WriteLine();
    }
}
