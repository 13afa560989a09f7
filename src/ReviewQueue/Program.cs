using System.CommandLine;
using ReviewQueue;
using ReviewQueue.Commands;

// reviewqueue: review debt of email-driven projects. Each command lives in Commands/.
var global = new GlobalOptions();
var root = new RootCommand("ReviewQueue: what waits for review on your mailing lists, per MAINTAINERS subsystem")
{
    global.Db,
    global.Config,
    RunCommand.Create(global),
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
JitProfile.Start(JitProfile.CommandOf(root.Subcommands.Select(c => c.Name), args));
var parsed = root.Parse(args);
int code = await parsed.InvokeAsync();
// A command line that does not parse (a missing argument, an unknown option) is a usage error, as every command's own checks say.
return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
