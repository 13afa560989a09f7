using System.Diagnostics;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Git.PublicInbox;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Subsystems;
using Spectre.Console;
using ReviewQueue.Commands;

namespace ReviewQueue.Import;

/// <summary>Imports a list of paths, with a progress bar when a person is watching.</summary>
public sealed class ImportRunner(MailImport import, SeriesProjection projection, Ledger ledger, MaintainersSubsystems maintainers, MetaStore meta)
{
    /// <summary>meta key: the commit of a public-inbox epoch (known by its first commit) that imports read up to.</summary>
    public static string EpochKey(string root) => "public-inbox-read:" + root;

    /// <param name="stepDone">Told "batch" as each batch is about to commit, then the rebuild's steps (the import
    /// benchmark's timeline).</param>
    /// <param name="leaveToService">When `run` serves the ledger (<see cref="ServiceLock"/>), store the mail and leave
    /// the topics to it: a mail server's delivery then costs the message, not a rebuild of every topic.</param>
    /// <param name="opened">The paths' sources, opened already (<see cref="MailSource.Open"/>) before a new ledger was made.</param>
    public async Task<ImportSummary> RunAsync(IReadOnlyList<string> paths, string? listId, bool showProgress,
        Stream? stdin, CancellationToken cancellationToken, Action<string>? stepDone = null, bool leaveToService = false,
        IReadOnlyList<MailSource>? opened = null)
    {
        Func<Microsoft.Data.Sqlite.SqliteConnection, Microsoft.Data.Sqlite.SqliteTransaction, IReadOnlyList<RawMail>, Task>? afterBatch =
            stepDone is null ? null : (_, _, _) =>
            {
                stepDone("batch");
                return Task.CompletedTask;
            };
        // A mirror fetched again: each epoch from the commit the last import into this ledger read up to.
        var sources = opened;
        if (sources is null)
        {
            var readUpTo = await meta.StartingWithAsync(EpochKey(""), cancellationToken);
            sources = paths.Select(p => MailSource.Open(p, stdin, root => readUpTo.GetValueOrDefault(EpochKey(root)))).ToList();
        }
        // The rebuild that follows maps every patch to its sections: MAINTAINERS is read and compiled meanwhile, on
        // whatever a core has to spare while the mail is read (Linux's takes ~0.1 s), unless the service assembles.
        // Begun once every source opened: a refused path reads no mail, and says only what was wrong with it, not first
        // that no MAINTAINERS is configured.
        if (!(leaveToService && ServiceLock.IsHeld(ledger)))
            _ = Task.Run(maintainers.Snapshot, CancellationToken.None).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        PublicInboxEpoch.ShareRemovals(sources.SelectMany(s => s.Epochs).ToList());
        // What this run stores it also hands to the rebuild below as read, instead of it reading it back.
        var fresh = new FreshFacts(await projection.InputsThroughAsync(cancellationToken));
        var clock = Stopwatch.StartNew();
        var totals = new List<MailImport.Totals>();
        var perSource = new List<SourceSummary>();
        if (showProgress)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    foreach (var source in sources)
                    {
                        var task = ctx.AddTask(Shown.Escape(Path.GetFileName(source.Path)), maxValue: Math.Max(1, source.Total));
                        task.IsIndeterminate = source.Total == 0;
                        var mails = source.Mails.Select(m => { task.Value = source.Done(); return m; });
                        var t = await import.ImportAsync(mails, listId, cancellationToken, afterBatch, fresh);
                        task.Value = task.MaxValue;
                        totals.Add(t);
                        perSource.Add(new SourceSummary(source.Path, source.Format(), t.Read, t.Rejected, source.Removed(), source.ReadBefore()));
                        await MarkReadAsync(source, cancellationToken);
                    }
                });
        }
        else
        {
            foreach (var source in sources)
            {
                var t = await import.ImportAsync(source.Mails, listId, cancellationToken, afterBatch, fresh);
                totals.Add(t);
                perSource.Add(new SourceSummary(source.Path, source.Format(), t.Read, t.Rejected, source.Removed(), source.ReadBefore()));
                await MarkReadAsync(source, cancellationToken);
            }
        }
        // Topics follow the ledger: assembled once the new mail is in, or when an earlier run stored
        // mail and stopped before assembling it.
        bool leftToService = false;
        if (totals.Sum(t => t.New) > 0 || await projection.IsBehindAsync(cancellationToken))
        {
            if (leaveToService && ServiceLock.IsHeld(ledger))
                leftToService = true;
            else
                await projection.CatchUpAsync(fresh, cancellationToken, stepDone);
        }
        return new ImportSummary(totals.Sum(t => t.Read), totals.Sum(t => t.New), totals.Sum(t => t.Duplicate),
            totals.Sum(t => t.Rejected), clock.Elapsed.TotalSeconds, perSource) { TopicsLeftToService = leftToService };
    }

    /// <summary>
    /// Once every message of a source is stored (its last batch committed), its epochs are marked read up to the commit
    /// they were opened at. A run stopped before reads them again from the last mark: what it stored is a duplicate.
    /// </summary>
    async Task MarkReadAsync(MailSource source, CancellationToken cancellationToken)
    {
        foreach (var epoch in source.Epochs.Where(e => e is { Root: not null, Head: not null }))
            await meta.SetAsync(EpochKey(epoch.Root!), epoch.Head!, cancellationToken);
    }
}
