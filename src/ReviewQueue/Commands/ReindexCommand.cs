using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Core;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue reindex: rebuild all derived state from the stored raw messages.</summary>
public static class ReindexCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("reindex", "Read every stored message again and rebuild what is derived from it (kinds, ledger facts, topics)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.Build(parse, global, Console.Error, out var failure, checkReading: false);
            if (host is null)
                return failure;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await host.Services.GetRequiredService<Reindexer>().RunAsync(cancellationToken);
            Console.WriteLine($"reindexed {Counted.Of(result.Messages, "message", "messages")} ({result.Unreadable} unreadable) into {Counted.Of(result.Projection.Topics, "topic", "topics")} in {clock.Elapsed.TotalSeconds:0.00} s");
            return ExitCodes.Ok;
        });
        return command;
    }
}
