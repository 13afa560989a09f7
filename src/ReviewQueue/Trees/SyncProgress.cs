namespace ReviewQueue.Trees;

/// <summary>The steps of a branch's sync, in order.</summary>
public enum SyncStage
{
    /// <summary>The tree is being opened and fetched (<see cref="SyncProgress.Branch"/> is null).</summary>
    Fetch,
    /// <summary>The branch's new commits are being walked.</summary>
    Walk,
    /// <summary><see cref="SyncProgress.Done"/> of <see cref="SyncProgress.Total"/> new commits are indexed.</summary>
    Index,
    /// <summary><see cref="SyncProgress.Total"/> commits are being stored.</summary>
    Store,
    /// <summary>The branch is synced: <see cref="SyncProgress.Done"/> commits added; or it failed (<see cref="SyncProgress.Problem"/>).</summary>
    Done,
}

/// <summary>
/// How far a sync is, as it goes: told from the workers' threads during <see cref="SyncStage.Index"/>.
/// <paramref name="WholeTrees"/> counts the commits to index that have no parent (a root commit or a shallow
/// clone's boundary): each is a diff of every file of the tree, tens of seconds on a kernel tree.
/// </summary>
public sealed record SyncProgress(string Tree, string? Branch, SyncStage Stage, int Done = 0, int Total = 0, int WholeTrees = 0,
    string? Problem = null);
