using ReviewQueue.Core;
using ReviewQueue.Trees;
using Spectre.Console;

namespace ReviewQueue.Commands;

/// <summary>
/// `trees sync` on a terminal: a line per tree while it is fetched, then a bar per branch (walk, index with
/// commits done, store). A first sync of a kernel tree diffs its root commit, every file, for most of a minute
/// before the first commit counts: the bar says so rather than sit silent.
/// </summary>
public sealed class SyncProgressBars(ProgressContext context) : IProgress<SyncProgress>
{
    readonly Dictionary<(string, string?), ProgressTask> tasks = [];

    public static IEnumerable<ProgressColumn> Columns =>
        [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn()];

    // Told from the indexing workers' threads too.
    public void Report(SyncProgress value)
    {
        lock (tasks)
        {
            if (value.Branch is not null && tasks.Remove((value.Tree, null), out var fetch))
            {
                fetch.Description = $"{Shown.Escape(value.Tree)}: opened";
                fetch.IsIndeterminate = false;
                fetch.Value = fetch.MaxValue;
                fetch.StopTask();
            }
            var name = Shown.Escape(value.Branch is null ? value.Tree : $"{value.Tree} {value.Branch}");
            var description = value.Stage switch
            {
                SyncStage.Fetch => $"{name}: opening, fetching",
                SyncStage.Walk => $"{name}: walking the new commits",
                SyncStage.Index => $"{name}: indexing {Counted.Of(value.Total, "commit", "commits")}" +
                    (value.WholeTrees > 0 ? $" ({value.WholeTrees} diffed as a whole tree, slow)" : ""),
                SyncStage.Store => $"{name}: storing {Counted.Of(value.Total, "commit", "commits")}",
                _ when value.Problem is not null => $"{name}: failed: {Shown.Escape(value.Problem)}",
                _ => $"{name}: {Counted.Of(value.Done, "new commit", "new commits")}",
            };
            // Spectre refuses a task without a description: each is made with its first.
            if (!tasks.TryGetValue((value.Tree, value.Branch), out var task))
            {
                task = context.AddTask(description, maxValue: 1);
                tasks[(value.Tree, value.Branch)] = task;
            }
            task.Description = description;
            task.IsIndeterminate = value.Stage is SyncStage.Fetch or SyncStage.Walk or SyncStage.Store;
            if (value.Stage == SyncStage.Index)
            {
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Done;
            }
            else if (value.Stage == SyncStage.Done)
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }
}
