using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Configuration;
using ReviewQueue.Core;
using ReviewQueue.Core.Mail;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue am ID|MSGID [-o FILE]: the newest revision as an mbox for git am, with the collected trailers.</summary>
public static class AmCommand
{
    public static Command Create(GlobalOptions global)
    {
        var id = TopicArgument.Create("am", "A topic id or the Message-ID of any mail in it (or its lore link)");
        var output = new Option<string?>("--output", "-o") { Description = "Write the mbox to this file (default, and -: standard output)", HelpName = "FILE" };
        output.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
                result.AddError("reviewqueue: am: -o is empty: give the mbox file's name, or - for standard output");
        });
        var addLink = new Option<bool>("--add-link", "-l") { Description = "Add a Link: to each patch's mail in the list archive (Archive:Url, lore by default) after its trailers (as b4 am -l)" };
        var command = new Command("am", "Write the newest revision as a git-am-ready mbox with the collected trailers (like b4 am)") { id, output, addLink };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var archive = host.Services.GetRequiredService<ListArchive>();
            if (parse.GetValue(addLink) && !archive.Exists)
            {
                // A configuration that says there is no archive to link to, not a mistyped command line: EX_CONFIG.
                Console.Error.WriteLine($"reviewqueue: am: --add-link: no archive to link to ({ArchiveOptions.Section}:Url, or its older name " +
                    $"{ArchiveOptions.OlderKey}, is empty); set it to the archive's base URL, or leave out --add-link");
                return ExitCodes.Config;
            }
            if (await StoredTopic.FindAsync(host.Services, "am", TopicArgument.Value(parse, id), cancellationToken) is not { } found)
                return ExitCodes.NoInput;
            var revision = found.Topic.Revisions[^1];
            foreach (var missing in revision.Missing)
                Console.Error.WriteLine($"reviewqueue: am: [{missing}/{revision.Total}] is missing from {revision.VersionLabel}");
            var am = await AmMbox.OfRevisionAsync(revision, host.Services.GetRequiredService<MessageStore>(), cancellationToken,
                linkTo: parse.GetValue(addLink) ? archive : null);
            if (am.Unreadable is { } unreadable)
            {
                Console.Error.WriteLine(Shown.Visible($"reviewqueue: am: <{unreadable}> has no readable patch"));
                return ExitCodes.DataError;
            }
            var text = am.Mbox;
            // "-" is standard output, as for b4 am -o - (not a file named "-").
            if (parse.GetValue(output) is { } file && file != "-")
            {
                if (Directory.Exists(file))
                {
                    // b4 am -o takes a folder; this one is the file, and "Access to the path is denied" read as a permission problem.
                    Console.Error.WriteLine($"reviewqueue: am: cannot write {file}: it is a folder; give the mbox file's name");
                    return ExitCodes.CantCreate;
                }
                try
                {
                    await File.WriteAllTextAsync(file, text, new UTF8Encoding(false), cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"reviewqueue: am: cannot write {file}: {e.Message}");
                    return ExitCodes.CantCreate;
                }
                Console.Error.WriteLine($"wrote {Counted.Of(revision.Patches.Count, "patch", "patches")} of {revision.VersionLabel} to {file}");
            }
            else
            {
                using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
