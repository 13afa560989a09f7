using ReviewQueue.Core.Mail;
using ReviewQueue.Git.Merged;
using ReviewQueue.Storage;

namespace ReviewQueue.Trees;

/// <summary>Reads the merged-detection keys (patch-id, author, title) of messages stored since the last run.</summary>
public sealed class PatchKeyIndex(TreeStore store)
{
    const int Batch = 500;

    /// <summary>Returns how many patch keys were added.</summary>
    public async Task<int> UpdateAsync(CancellationToken cancellationToken)
    {
        int added = 0;
        var after = await store.PatchKeysUpToAsync(cancellationToken);
        while (true)
        {
            var messages = await store.MessagesAfterAsync(after, Batch, cancellationToken);
            if (messages.Count == 0)
                return added;
            var keys = new List<PatchKeyRow>();
            foreach (var (_, messageId, date, raw) in messages)
            {
                if (PostedPatch.FromRaw(raw) is not { } patch)
                    continue;
                keys.Add(new PatchKeyRow(messageId, PatchId.Compute(patch.Diff), patch.Email, TitleKey.Of(patch.Title), patch.Date ?? date,
                    patch.StableTree));
            }
            after = messages[^1].Id;
            await store.AddPatchKeysAsync(keys, after, cancellationToken);
            added += keys.Count;
        }
    }
}
