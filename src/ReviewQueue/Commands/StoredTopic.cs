using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Commands;

/// <summary>The topic a command names by its id or by the Message-ID of any mail in it, as stored.</summary>
public sealed record StoredTopic(string Data, TopicView Topic)
{
    /// <summary>The topic, or null after saying on standard error that no topic holds <paramref name="id"/>.</summary>
    public static async Task<StoredTopic?> FindAsync(IServiceProvider services, string command, string id, CancellationToken cancellationToken)
    {
        var data = await services.GetRequiredService<TopicStore>().FindAsync(id, cancellationToken);
        if (data is not null)
            return new StoredTopic(data, TopicView.Read(data));
        Console.Error.WriteLine($"reviewqueue: {command}: no topic holds {id}");
        return null;
    }
}
