using System.CommandLine;
using ReviewQueue;
using ReviewQueue.Commands;

// reviewqueue: review debt of email-driven projects. Each command lives in Commands/.
var global = new GlobalOptions();
var run = RunCommand.Create(global);
var root = new RootCommand("ReviewQueue: what waits for review on your mailing lists, per MAINTAINERS subsystem")
{
    global.Db,
    global.Config,
    run,
    ImportCommand.Create(global),
    RejectedCommand.Create(global),
    SeriesCommand.Create(global),
    ShowCommand.Create(global),
    AmCommand.Create(global),
    ReindexCommand.Create(global),
    SubscribeCommand.Create(global),
    ListsCommand.Create(global),
    DigestCommand.Create(global),
    MaintainersCommand.Create(global),
    SubsystemsCommand.Create(global),
    BacklogCommand.Create(global),
    PeopleCommand.Create(global),
    TreesCommand.Create(global),
    CheckCommand.Create(global),
    InspectCommand.Create(global),
};
DamagedLedgerAction.Wrap(root, global);
UnreadableFileAction.Wrap(root, except: run);
foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>())
    if (help.Action is System.CommandLine.Help.HelpAction action)
        help.Action = new SubcommandHelp(action);
JitProfile.Start(JitProfile.CommandOf(root.Subcommands.Select(c => c.Name), args));
// No response files: an argument that starts with '@' is a file or a value of that name (`inspect @list.mbox`), not a
// file whose words replace it, as with git and b4.
var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
// `run` is a host: its own lifetime takes SIGTERM and Ctrl-C and waits for the workers to stop (HostOptions.ShutdownTimeout,
// 30 s). System.CommandLine's handling ends the process 2 s after the signal, in the middle of what a worker was finishing:
// a digest Postfix had taken and not yet answered was left unrecorded, and sent again after a restart.
var invocation = new InvocationConfiguration();
if (parsed.CommandResult.Command == run)
    invocation.ProcessTerminationTimeout = null;
else if (ImportCommand.IsDelivery(args))
    ImportCommand.DeferOnTermination(invocation);
// A mail server's delivery whose command line (in master.cf or aliases) does not parse: one line per error, not the help that
// would fill the reason of the deferred mail, and 75, on which Postfix keeps the mail until the line is mended (it bounces 64).
if (parsed.Errors.Count > 0 && ImportCommand.IsDelivery(args))
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"reviewqueue: import: {error.Message}");
    return ExitCodes.TempFail;
}
// A command line that does not parse is said on standard error, the help with it: standard output is the answer a
// script reads (JSON, CSV, an mbox), empty when there is none. System.CommandLine writes its typo suggestions to Output
// before the errors, with an empty line after them even when it has none, so stderr began with an empty line: the
// errors come first, as git writes them, then the suggestions and the help.
int code;
if (parsed.Errors.Count > 0)
{
    var errors = new StringWriter();
    var rest = new StringWriter();
    (invocation.Error, invocation.Output) = (errors, rest);
    code = await parsed.InvokeAsync(invocation);
    Console.Error.Write(errors.ToString() + rest.ToString().TrimStart('\r', '\n'));
}
else
    code = await parsed.InvokeAsync(invocation);
// A command line that does not parse (a missing argument, an unknown option) is a usage error, as every command's own checks say.
return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
