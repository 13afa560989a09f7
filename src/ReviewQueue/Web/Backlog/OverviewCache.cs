namespace ReviewQueue.Web.Backlog;

/// <summary>
/// The overview as last rendered, kept until the debt is refreshed (its stamp changes): under load
/// every request after the first is one indexed read and a copy.
/// </summary>
public sealed class OverviewCache(TimeProvider time)
{
    /// <summary>How long a checked stamp is trusted before the ledger is asked again (another process may have refreshed it).</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    (string Stamp, DateTimeOffset CheckedAt)? checkedStamp;

    /// <summary>The refresh stamp, read from the ledger at most once per <see cref="Recheck"/>.</summary>
    public async Task<string> StampAsync(Func<Task<string?>> read)
    {
        var now = time.GetUtcNow();
        if (checkedStamp is { } c && now - c.CheckedAt < Recheck)
            return c.Stamp;
        var stamp = await read() ?? "";
        checkedStamp = (stamp, now);
        return stamp;
    }

    readonly SemaphoreSlim gate = new(1, 1);
    // One overview per path base it was rendered for (its links differ): the root's and Web:PathBase's.
    readonly Dictionary<string, (string Stamp, byte[] Html, byte[] Gzip)> last = [];

    public async Task<(byte[] Html, byte[] Gzip)> GetAsync(string stamp, string root, Func<Task<string>> render)
    {
        lock (last)
            if (last.TryGetValue(root, out var l) && l.Stamp == stamp)
                return (l.Html, l.Gzip);
        await gate.WaitAsync();
        try
        {
            lock (last)
                if (last.TryGetValue(root, out var again) && again.Stamp == stamp)
                    return (again.Html, again.Gzip);
            var html = System.Text.Encoding.UTF8.GetBytes(await render());
            var gzip = Html.Gzip(html);
            lock (last)
                last[root] = (stamp, html, gzip);
            return (html, gzip);
        }
        finally
        {
            gate.Release();
        }
    }
}
