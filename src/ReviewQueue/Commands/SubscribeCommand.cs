using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Lists;
using ReviewQueue.Lists;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue subscribe LIST-ADDRESS [--account NAME] [--software mlmmj|mailman] [--timeout 00:05:00]</summary>
public static class SubscribeCommand
{
    public static Command Create(GlobalOptions global)
    {
        var address = new Argument<string>("LIST-ADDRESS") { Description = "The list's posting address, e.g. devel@lists.example.org" };
        var account = new Option<string?>("--account") { Description = "The Imap:Accounts entry (by Name) whose Address subscribes and receives", HelpName = "NAME" };
        // Typed and shown as the lists' own names (mlmmj, mailman), not as the enum's, and a wrong one said in those words.
        var software = new Option<string>("--software") { Description = "The list manager", HelpName = "mlmmj|mailman", DefaultValueFactory = _ => "mlmmj" };
        software.Validators.Add(result =>
        {
            if (result.Tokens is [.., var token] && SoftwareOf(token.Value) is null)
                result.AddError($"--software: '{token.Value}' is not a list manager ReviewQueue knows: mlmmj or mailman");
        });
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long to wait for the confirmation mail", HelpName = "HH:MM:SS", DefaultValueFactory = _ => TimeSpan.FromMinutes(5) };
        var command = new Command("subscribe", "Subscribe an IMAP account to a mailing list and answer the list's confirmation")
        {
            address, account, software, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.Build(parse, global, Console.Error, out var failure, uses: CommandHost.MailSections);
            if (host is null)
                return failure;
            var subscription = host.Services.GetRequiredService<ListSubscription>();
            try
            {
                var result = await subscription.SubscribeAsync(parse.GetValue(address)!, parse.GetValue(account), SoftwareOf(parse.GetValue(software)!)!.Value,
                    parse.GetValue(timeout), cancellationToken);
                if (result == ListSubscription.Result.Confirmed)
                {
                    Console.WriteLine($"subscribed: answered the confirmation from {parse.GetValue(address)}");
                    return ExitCodes.Ok;
                }
                Console.Error.WriteLine($"reviewqueue: subscribe: requested, but no confirmation arrived within {parse.GetValue(timeout)}; " +
                    "run again to ask again");
                return ExitCodes.TempFail;
            }
            catch (ListSubscription.Problem e)
            {
                Console.Error.WriteLine($"reviewqueue: subscribe: {e.Message}");
                return e.IsUsage ? ExitCodes.Usage : ExitCodes.Config;
            }
            catch (Exception e) when (Mail.Imap.ImapFailure.IsMailError(e))
            {
                Console.Error.WriteLine($"reviewqueue: subscribe: {e.GetType().Name}: {e.Message}");
                return ExitCodes.TempFail;
            }
        });
        return command;
    }

    static ListSoftware? SoftwareOf(string name) =>
        Enum.GetValues<ListSoftware>().Cast<ListSoftware?>().FirstOrDefault(s => s.ToString()!.Equals(name, StringComparison.OrdinalIgnoreCase));
}
