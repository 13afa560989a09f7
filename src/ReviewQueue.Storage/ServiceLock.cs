namespace ReviewQueue.Storage;

/// <summary>
/// Held by `reviewqueue run` for as long as it serves a ledger: an exclusive advisory lock on a file beside it
/// (<c>ledger.db.service-lock</c>), gone with the process however it ends. A mail server's `import -` that finds it
/// held stores its message and leaves the topics to the service, which assembles whatever arrived in one rebuild,
/// instead of rebuilding every topic of the ledger once per delivered message.
/// </summary>
public sealed class ServiceLock : IDisposable
{
    readonly FileStream file;

    ServiceLock(FileStream file) => this.file = file;

    public static string PathFor(Ledger ledger) => ledger.Path + ".service-lock";

    /// <summary>The lock, or null when another service holds it (a second `run` on one ledger refuses to start: RunCommand.ServeAsync).</summary>
    public static ServiceLock? TryTake(Ledger ledger) => LockFile.TryTake(PathFor(ledger)) is { } file ? new ServiceLock(file) : null;

    /// <summary>
    /// Whether a running service holds the lock now. No file, or a file nobody holds (a service that stopped), is
    /// false. A service that stops right after this said true leaves the mail stored and its topics to the next
    /// rebuild: the next import, command or `run` finds the ledger behind and catches up.
    /// </summary>
    public static bool IsHeld(Ledger ledger)
    {
        var path = PathFor(ledger);
        if (!File.Exists(path))
            return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return File.Exists(path);
        }
        catch (UnauthorizedAccessException)
        {
            return false; // not ours to read: no service of this user serves it, so the import rebuilds itself
        }
    }

    public void Dispose() => file.Dispose();
}
