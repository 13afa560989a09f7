using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Review;
using ReviewQueue.Storage;
using Spectre.Console;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue series [--state S] [--since DATE] [--json]: every topic and where its newest revision stands.</summary>
public static class SeriesCommand
{
    public static Command Create(GlobalOptions global)
    {
        var state = new Option<string?>("--state") { Description = "Only topics in this state: unreviewed, discussed, partly-reviewed, reviewed, objected, accepted, superseded, withdrawn", HelpName = "STATE" };
        var since = new Option<string?>("--since") { Description = "Only topics with activity on or after this date (YYYY-MM-DD)", HelpName = "DATE" };
        var noBackports = new Option<bool>("--no-backports")
        {
            Description = "Leave out stable backports (AUTOSEL, stable review series: a stable tree in the subject), which are not review debt",
        };
        var json = new Option<bool>("--json") { Description = "Print the topics as JSON (the records show --json prints, without what the watched trees say: applies, base)" };
        var command = new Command("series", "List topics (a series across its revisions) and their review state") { state, since, noBackports, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? wanted = null;
            if (parse.GetValue(state) is { } s)
            {
                if (!ReviewStateNames.TryParse(s, out var st))
                {
                    Console.Error.WriteLine($"reviewqueue: series: --state {s}: not a state ({string.Join(", ", Enum.GetValues<ReviewState>().Select(x => x.Name()))})");
                    return ExitCodes.Usage;
                }
                wanted = st.Name();
            }
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } d)
            {
                // A day as --as-of takes it: any other spelling ("01/02/2024", month or day first?) is refused, not guessed.
                if (!DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    Console.Error.WriteLine($"reviewqueue: series: --since {d}: not a date (YYYY-MM-DD)");
                    return ExitCodes.Usage;
                }
                from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var store = host.Services.GetRequiredService<TopicStore>();
            var rows = await store.ListAsync(wanted, from, backports: !parse.GetValue(noBackports), cancellationToken);
            if (parse.GetValue(json))
            {
                var all = await store.AllDataAsync(cancellationToken);
                var ids = rows.Select(r => r.Id).ToHashSet();
                var items = all.Select(x => JsonDocument.Parse(x).RootElement).Where(e => ids.Contains(e.GetProperty("id").GetString()!));
                Console.WriteLine(JsonSerializer.Serialize(items, JsonOutput.Options));
                return ExitCodes.Ok;
            }
            if (rows.Count == 0)
            {
                Console.WriteLine("no topics");
                return ExitCodes.Ok;
            }
            // Ids, states and dates never wrap on a narrow terminal: they are copied into `show` and `am`.
            var table = new Table().AddColumns(
                new TableColumn("id").NoWrap(), new TableColumn("state").NoWrap(), new TableColumn("ver").NoWrap(),
                new TableColumn("reviewed").NoWrap(), new TableColumn("first posted").NoWrap(), new TableColumn("author"), new TableColumn("title"));
            foreach (var r in rows)
                table.AddRow(r.Id, r.State, $"v{r.CurrentVersion}", $"{r.Reviewed}/{r.Patches}", r.FirstPosted[..10],
                    Shown.Escape(r.AuthorName ?? r.AuthorEmail ?? ""),
                    Shown.Escape(r.StableTree is { } tree ? $"{r.Title} (backport to {tree})" : r.Title));
            Terminal.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
