using System.CommandLine;
using System.CommandLine.Invocation;

namespace ReviewQueue.Commands;

/// <summary>
/// A file this user may not read (an mbox given to `inspect`, a MAINTAINERS, a patch or a file list given to `maintainers`,
/// a configured Maintainers:File or seed file another user owns) is said in one line naming it, and exits 75 as a --config
/// file or a ledger this user may not touch does (mended by the permissions, so a retry is worth it), instead of a stack
/// trace and exit 1. Such a file can be met deep inside a command, wherever it is first read, so it is caught here, once.
/// </summary>
sealed class UnreadableFileAction(AsynchronousCommandLineAction inner) : AsynchronousCommandLineAction
{
    public override async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.InvokeAsync(parse, cancellationToken);
        }
        catch (UnauthorizedAccessException e)
        {
            // .NET's message names the path: "Access to the path '/srv/MAINTAINERS' is denied."
            Console.Error.WriteLine($"reviewqueue: {CommandHost.CommandPath(parse)}: {e.Message}");
            return ExitCodes.TempFail;
        }
    }

    /// <summary>Every asynchronous action under <paramref name="root"/> wrapped, but <paramref name="except"/>'s.</summary>
    /// <remarks>`run` is a host, whose failures at start and in its workers have exit codes of their own (README).</remarks>
    public static void Wrap(Command root, Command except)
    {
        if (root == except)
            return;
        if (root.Action is AsynchronousCommandLineAction action)
            root.Action = new UnreadableFileAction(action);
        foreach (var command in root.Subcommands)
            Wrap(command, except);
    }
}
