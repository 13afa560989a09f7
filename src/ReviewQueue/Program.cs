using System.CommandLine;
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
    InspectCommand.Create(global),
};
return await root.Parse(args).InvokeAsync();
