namespace ReviewQueue.Web.Backlog;

/// <summary>
/// The overview as last rendered, kept until the debt is refreshed (its stamp changes): under load
/// every request after the first is one indexed read and a copy.
/// </summary>
public sealed class OverviewCache
{
    readonly SemaphoreSlim gate = new(1, 1);
    (string Stamp, string Html)? last;

    public async Task<string> GetAsync(string stamp, Func<Task<string>> render)
    {
        if (last is { } l && l.Stamp == stamp)
            return l.Html;
        await gate.WaitAsync();
        try
        {
            if (last is { } again && again.Stamp == stamp)
                return again.Html;
            var html = await render();
            last = (stamp, html);
            return html;
        }
        finally
        {
            gate.Release();
        }
    }
}
