namespace ReviewQueue.Storage;

/// <summary>
/// One topics rebuild at a time per ledger across processes: a mail server piping each message to its own
/// `reviewqueue import -`, the service's workers and a command line may all ask together. An exclusive lock on a
/// file beside the ledger (<c>ledger.db.rebuild-lock</c>; .NET takes an advisory lock for FileShare.None), waited
/// for in short steps. The lock goes with the process if it dies; the file stays, empty.
/// </summary>
public sealed class RebuildLock : IAsyncDisposable
{
    readonly FileStream file;

    RebuildLock(FileStream file) => this.file = file;

    public static string PathFor(Ledger ledger) => ledger.Path + ".rebuild-lock";

    public static async Task<RebuildLock> AcquireAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var path = PathFor(ledger);
        var wait = TimeSpan.FromMilliseconds(20);
        FileStream? file;
        while ((file = LockFile.TryTake(path)) is null)
        {
            // Held by another rebuild: wait for it (a rebuild takes from a fraction of a second to minutes).
            await Task.Delay(wait, cancellationToken);
            wait = TimeSpan.FromMilliseconds(Math.Min(500, wait.TotalMilliseconds * 2));
        }
        return new RebuildLock(file);
    }

    public ValueTask DisposeAsync() => file.DisposeAsync();
}
