using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReviewQueue.Digest;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Subsystems;
using ReviewQueue.Storage;
using ReviewQueue.Subsystems;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue digest subscribe|unsubscribe|list|preview|send</summary>
public static class DigestCommand
{
    public static Command Create(GlobalOptions global) => new("digest", "Review digests by mail: who gets them, what they say, sending them")
    {
        Subscribe(global), Unsubscribe(global), List(global), Preview(global), Send(global),
    };

    static Command Subscribe(GlobalOptions global)
    {
        var address = new Argument<string>("ADDRESS") { Description = "Where the digest goes" }.Refused("digest subscribe");
        var subsystems = new Option<string[]>("--subsystem") { Description = "A MAINTAINERS section to follow, its title in any case, or THE REST (repeat; none: all)", HelpName = "SECTION", AllowMultipleArgumentsPerToken = false };
        var every = new Option<string>("--every") { Description = "When, as a 5-field cron expression in UTC", HelpName = "CRON", DefaultValueFactory = _ => DigestSchedule.Daily };
        var minAge = new Option<string>("--min-age") { Description = "Mention series waiting at least this long (3d, 12h, 2w)", HelpName = "AGE", DefaultValueFactory = _ => "0d" };
        var command = new Command("subscribe", "Send review digests to an address") { address, subsystems, every, minAge };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!MailboxAddress.TryParse(parse.GetValue(address), out var mailbox) || !mailbox.Address.Contains('@'))
                return Usage($"not an email address: {parse.GetValue(address)}");
            if (!DigestSchedule.TryParse(parse.GetValue(every)!, out _, out var problem))
                return Usage($"--every: {problem}");
            if (!DigestSchedule.TryParseAge(parse.GetValue(minAge)!, out var age))
                return Usage($"--min-age: not a duration like 3d, 12h or 2w: {parse.GetValue(minAge)}");
            using var host = CommandHost.Build(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var sections = parse.GetValue(subsystems) ?? [];
            if (sections.Length > 0)
            {
                var snapshot = host.Services.GetRequiredService<MaintainersSource>().Load(null, null, null, out var missing);
                if (snapshot is null)
                    // Nothing to check against: every series is then in THE REST, so other names will match nothing.
                    Console.Error.WriteLine($"reviewqueue: digest subscribe: the subsystem names are not checked ({missing}); " +
                        $"without MAINTAINERS every series is in {Section.TheRest}");
                else
                {
                    var names = new SectionNames(snapshot.Map.File.Sections.Select(x => x.Name));
                    var canonical = new List<string>();
                    foreach (var name in sections)
                    {
                        if (names.Canonical(name) is not { } known)
                            return Usage(Unknown(name, names.Closest(name), snapshot.Source));
                        canonical.Add(known);
                    }
                    sections = [.. canonical.Distinct(StringComparer.Ordinal)];
                }
            }
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var now = TimeProvider.System.GetUtcNow();
            // One space between fields, so that the same schedule written again is not taken for a new one (see SubscribeAsync).
            var schedule = string.Join(' ', parse.GetValue(every)!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var store = host.Services.GetRequiredService<DigestStore>();
            var s = await store.SubscribeAsync(mailbox.Address, sections, schedule, age, token, now, cancellationToken);
            // The confirmation is this line; a new subscription's first digest comes at the schedule's next occurrence, not
            // now, and so does a changed schedule's. Subscribing again with the same schedule keeps when it was made, so a
            // period that began since then and has no digest is due now: the line says what DigestDispatch will do, by its rule.
            var due = DigestSchedule.DuePeriod(s.Every, s.Created, now);
            var next = due is not null && !await store.HasPeriodAsync(s.Id, due, cancellationToken)
                ? $"the one for {DigestSchedule.Latest(s.Every, now):yyyy-MM-dd HH:mm} UTC is due now"
                : $"the next at {DigestSchedule.Next(s.Every, now):yyyy-MM-dd HH:mm} UTC";
            Console.WriteLine($"{s.Address}: digests {Describe(s)}; {next}, when anything waits");
            return ExitCodes.Ok;
        });
        return command;
    }

    static Command Unsubscribe(GlobalOptions global)
    {
        var address = new Argument<string>("ADDRESS") { Description = "The address whose digests stop" }.Refused("digest unsubscribe");
        var command = new Command("unsubscribe", "Stop review digests to an address") { address };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            if (await host.Services.GetRequiredService<DigestStore>().UnsubscribeAsync(parse.GetValue(address)!, TimeProvider.System.GetUtcNow(), cancellationToken))
            {
                Console.WriteLine($"{parse.GetValue(address)}: no more digests");
                return ExitCodes.Ok;
            }
            Console.Error.WriteLine($"reviewqueue: digest unsubscribe: {parse.GetValue(address)} has no subscription");
            return ExitCodes.NoInput;
        });
        return command;
    }

    static Command List(GlobalOptions global)
    {
        var command = new Command("list", "Show digest subscriptions and the digests sent");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var store = host.Services.GetRequiredService<DigestStore>();
            var subscriptions = await store.ActiveAsync(cancellationToken);
            if (subscriptions.Count == 0)
                Console.WriteLine("no digest subscriptions: add one with `reviewqueue digest subscribe ADDRESS`");
            foreach (var s in subscriptions)
                Console.WriteLine($"{s.Address}: {Describe(s)}");
            foreach (var d in await store.HistoryAsync(cancellationToken))
                Console.WriteLine($"  {d.Address} {d.Period} {d.State} (attempts {d.Attempts}) <{d.MessageId}>{(d.LastError is null ? "" : " " + d.LastError)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    static Command Preview(GlobalOptions global)
    {
        var address = new Argument<string>("ADDRESS") { Description = "The subscribed address whose digest to print" }.Refused("digest preview");
        var html = new Option<bool>("--html") { Description = "Print the whole message (both parts) as it would be sent" };
        var command = new Command("preview", "Print the digest an address would get now") { address, html };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Preview sends nothing: of the Smtp section it needs only From (the spelling of every key is still checked).
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            if (SmtpOptions.ReadFrom(host.Services.GetRequiredService<IConfiguration>(), out var problem) is not { } from)
            {
                Console.Error.WriteLine($"reviewqueue: configuration: {problem}");
                return ExitCodes.Config;
            }
            var subscription = await host.Services.GetRequiredService<DigestStore>().FindAsync(parse.GetValue(address)!, cancellationToken);
            if (subscription is null)
            {
                Console.Error.WriteLine($"reviewqueue: digest preview: {parse.GetValue(address)} has no subscription");
                return ExitCodes.NoInput;
            }
            var message = await host.Services.GetRequiredService<DigestWriter>().PreviewAsync(subscription, from, cancellationToken);
            if (message is null)
            {
                Console.WriteLine("nothing waits for review: no digest would be sent");
                return ExitCodes.Ok;
            }
            if (parse.GetValue(html))
            {
                await message.WriteToAsync(Console.OpenStandardOutput(), cancellationToken);
                return ExitCodes.Ok;
            }
            Console.WriteLine(Shown.Visible($"To: {message.To}"));
            Console.WriteLine(Shown.Visible($"Subject: {message.Subject}"));
            Console.WriteLine();
            Console.Write(Shown.Lines(message.TextBody ?? ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    static Command Send(GlobalOptions global)
    {
        var command = new Command("send", "Send the digests that are due, and retry the ones that failed");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure, uses: [SmtpOptions.Section]);
            if (host is null)
                return failure;
            var summary = await host.Services.GetRequiredService<DigestDispatch>().SendDueAsync(cancellationToken);
            Console.WriteLine($"sent {summary.Sent}, failed {summary.Failed} (will retry), retried {summary.Retried}, nothing to say {summary.NothingToSay}" +
                (summary.Refused > 0 ? $", refused {summary.Refused} (not sent again: see digest list)" : ""));
            return summary.Failed > 0 ? ExitCodes.TempFail : summary.Refused > 0 ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }

    static string Describe(DigestSubscription s) =>
        $"every \"{s.Every}\" (UTC), {(s.Subsystems.Count == 0 ? "all subsystems" : string.Join(", ", s.Subsystems))}, " +
        $"series waiting at least {DigestSchedule.FormatAge(s.MinAge)}";

    static string Unknown(string name, IReadOnlyList<string> closest, string source) =>
        $"--subsystem: no MAINTAINERS section is named \"{name}\" (in {source})" + (closest.Count == 0
            ? "; `reviewqueue subsystems` lists them"
            : $"; did you mean {string.Join(", ", closest.Select(c => $"\"{c}\""))}?");

    // Said as every other digest command says its errors, with the subcommand's name.
    static int Usage(string message)
    {
        Console.Error.WriteLine($"reviewqueue: digest subscribe: {message}");
        return ExitCodes.Usage;
    }
}
