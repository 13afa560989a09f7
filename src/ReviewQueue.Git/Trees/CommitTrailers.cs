using ReviewQueue.Core.Mail;

namespace ReviewQueue.Git.Trees;

/// <summary>
/// The message ids a commit names: "Link: https://patch.msgid.link/ID" (b4), "Link:
/// https://lore.kernel.org/r/ID" or ".../LIST/ID/" (or any archive's ".../ID"), and "Message-Id: &lt;ID&gt;" (git am --message-id).
/// </summary>
public static class CommitTrailers
{
    public static IReadOnlyList<string> LinkedMessageIds(string message)
    {
        var ids = new List<string>();
        foreach (var raw in message.Split('\n'))
        {
            var line = raw.Trim();
            string? id = null;
            if (line.StartsWith("Link:", StringComparison.OrdinalIgnoreCase))
                id = MessageIdReference.FromLink(line[5..].Trim());
            else if (line.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))
                id = line[11..].Trim().Trim('<', '>').Trim();
            if (!string.IsNullOrEmpty(id) && id.Contains('@') && !ids.Contains(id))
                ids.Add(id);
        }
        return ids;
    }
}
