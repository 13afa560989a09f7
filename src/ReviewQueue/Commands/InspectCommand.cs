using System.CommandLine;
using System.Text.Json;
using ReviewQueue.Core.Mail;
using ReviewQueue.Import;
using ReviewQueue.Core;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue inspect FILE [--json]: what the mail reader sees in every message, without storing anything.</summary>
public static class InspectCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = new Argument<string>("FILE") { Description = "An mbox or .eml file (a maildir, a public-inbox epoch, or - for stdin also work)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON array, one record per message" };
        var command = new Command("inspect", "Show kind, subject, author, files, patch-id, trailers and problems of every message") { path, json };
        command.SetAction((parse, cancellationToken) =>
        {
            MailSource source;
            try
            {
                source = MailSource.Open(parse.GetValue(path)!);
            }
            catch (ImportProblem e)
            {
                Console.Error.WriteLine($"reviewqueue: inspect: {e.Message}");
                return Task.FromResult(ExitCodes.NoInput);
            }
            var records = source.Mails.Select(m => MailRecord.Of(MailReader.Read(m.Bytes, m.Arrived), m.Source) is var r && m.Damage is { } damage
                ? r with { Problems = [ProblemRecord.From(damage), .. r.Problems] }
                : r);
            if (parse.GetValue(json))
                WriteJson(records, cancellationToken);
            else
                foreach (var record in records)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WriteText(record);
                }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    static void WriteJson(IEnumerable<MailRecord> records, CancellationToken cancellationToken)
    {
        // Streamed: an mbox of thousands of messages is never held in memory at once.
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.Options.Encoder });
        writer.WriteStartArray();
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            JsonSerializer.Serialize(writer, record, JsonOutput.Options);
        }
        writer.WriteEndArray();
        writer.Flush();
        stdout.WriteByte((byte)'\n');
    }

    static void WriteText(MailRecord r)
    {
        var s = r.Subject;
        var counter = s is null ? "" : $"v{s.Version}{(s.SubVersion is { } sv ? "." + sv : "")} {s.Index}/{s.Total}";
        Line($"{r.Source}  {r.Kind ?? "unread"}  {counter}  {s?.Title}");
        Line($"  message-id: {r.MessageId ?? "-"}  date: {r.Date?.ToString("u") ?? "-"}");
        if (r.Author is { } a)
            Line($"  author: {a.Name} <{a.Email}>");
        if (s is not null && (s.Prefixes.Count > 0 || s.Inferred.Count > 0))
            Line($"  prefixes: [{string.Join(" ", s.Prefixes)}]{(s.Tree is null ? "" : " tree " + s.Tree)}{(s.Rfc ? " rfc" : "")}{(s.Resend ? " resend" : "")}" +
                (s.Inferred.Count > 0 ? $"  inferred: {string.Join(", ", s.Inferred)}" : ""));
        if (r.InReplyTo is not null)
            Line($"  in-reply-to: {r.InReplyTo}  references: {r.References.Count}");
        if (r.Files.Count > 0 || r.Diffstat is { Files: > 0 })
            Line($"  files: {string.Join(", ", r.Files)}  ({(r.Diffstat is { } stat ? Counted.Of(stat.Files, "file", "files") : "")}, +{r.Diffstat?.Insertions} -{r.Diffstat?.Deletions})");
        if (r.PatchId is not null)
            Line($"  patch-id: {r.PatchId}");
        foreach (var t in r.Trailers)
            Line($"  {t.Name}: {t.Value}");
        if (r.BaseCommit is not null || r.ChangeId is not null)
            Line($"  base-commit: {r.BaseCommit ?? "-"}  change-id: {r.ChangeId ?? "-"}");
        if (r.Pull is { } p)
            Line($"  pull: {p.Url} {p.Branch} (since {p.Base ?? "?"})");
        foreach (var problem in r.Problems)
            Line($"  problem: {problem.Code}: {problem.Detail}");
    }

    // What the mail says, its control characters shown, not sent to the terminal.
    static void Line(string text) => Console.WriteLine(Shown.Visible(text));
}
