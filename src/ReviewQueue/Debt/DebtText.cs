using System.Globalization;
using System.Text;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Subsystems;
using Spectre.Console;
using ReviewQueue.Commands;

namespace ReviewQueue.Debt;

/// <summary>Debt for a terminal (Spectre.Console tables) and for spreadsheets (CSV, RFC 4180).</summary>
public static class DebtText
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A ledger no rebuild has measured yet (new, or only mail stored by a delivery that left it to the service).</summary>
    public const string NotMeasured = "No review debt measured yet: topics are assembled and measured when mail is imported (or by `run`)";

    public static Table Subsystems(BacklogView view)
    {
        var table = new Table().Title(view.AsOf is { } at ? $"Review debt as of {at:yyyy-MM-dd HH:mm} UTC, worst first{RestLast(view)}" : NotMeasured)
            .AddColumns("#", "subsystem", "open series", "waiting patches", "unreviewed fixes", "patch-days", "oldest (days)",
                "stale", "first review median/p90 (h)", "reviewed before accept");
        int rank = 0;
        foreach (var s in view.Subsystems.Append(view.Total))
        {
            bool total = s == view.Total;
            table.AddRow(total ? "" : (++rank).ToString(Inv), Shown.Escape(total ? "all (each series once)" : s.Name),
                N(s.OpenSeries), N(s.WaitingPatches), s.WaitingFixes > 0 ? $"[red]{s.WaitingFixes}[/]" : "0", s.PatchDays.ToString("0.#", Inv),
                s.Oldest is null ? "" : s.Oldest.AgeDays.ToString("0.#", Inv), N(s.StaleSeries), Hours(s.FirstReview), Share(s));
        }
        return table;
    }

    /// <summary>
    /// Said where THE REST follows other sections: it holds every series, so its figures are larger than those ranked above it
    /// (ReviewDebt.WorstFirst). Nothing where it is the only section (no MAINTAINERS).
    /// </summary>
    public static string RestLast(BacklogView view) =>
        view.Subsystems.Count > 1 && view.Subsystems[^1].Name == Section.TheRest ? $", {Section.TheRest} last" : "";

    public static Table Waiting(IReadOnlyList<WaitingSeries> waiting, string subsystem)
    {
        var table = new Table().Title($"Waiting in {Shown.Escape(subsystem)}: fixes first, then oldest")
            .AddColumns(new TableColumn("id").NoWrap(), new TableColumn("age (days)"), new TableColumn("ver"), new TableColumn("reviewed"),
                new TableColumn("state"), new TableColumn("author"), new TableColumn("title"), new TableColumn("suggested reviewers"));
        // The id is what `show`, `am` and `check` take, so it never wraps.
        foreach (var w in waiting)
            table.AddRow(w.TopicId, w.AgeDays.ToString("0.#", Inv), w.Version, $"{w.ReviewedPatches}/{w.Patches}",
                (w.WaitingFixes > 0 ? "[red]fix[/] " : "") + w.State + (w.Stale ? " (stale)" : ""),
                Shown.Escape(w.AuthorName ?? w.AuthorEmail ?? ""), Shown.Escape(w.Title), Shown.Escape(string.Join(", ", w.SuggestedReviewers)));
        return table;
    }

    public static Table People(PeopleReport report, int limit)
    {
        var table = new Table().Title(report.AsOf is { } at ? $"Reviews given against reviews needed, as of {at:yyyy-MM-dd}" : NotMeasured)
            .AddColumns("person", "domain", "given", "needed", "received", "balance", "review time median/p90 (h)");
        foreach (var p in report.People.OrderBy(p => p.Balance).Take(limit))
            table.AddRow(Shown.Escape((p.Name is null ? p.Key : $"{p.Name} <{p.Key}>") + Also(p)), Shown.Escape(ReviewerBalances.Domain(p.Key) ?? ""),
                N(p.Given), N(p.Needed), N(p.Received), p.Balance.ToString("+0;-0;0", Inv), Hours(p.ReviewTime));
        return table;
    }

    /// <summary>The addresses the .mailmap counted as this person's, as written in the mail.</summary>
    public static string Also(ReviewBalance p) => p.MappedFrom.Count == 0 ? "" : $" (also {string.Join(", ", p.MappedFrom)})";

    /// <summary>The same per mail domain (a company's or a project's people together).</summary>
    public static Table Domains(PeopleReport report, int limit)
    {
        var table = new Table().Title(report.AsOf is { } at ? $"Per mail domain, as of {at:yyyy-MM-dd}" : NotMeasured)
            .AddColumns("domain", "given", "needed", "received", "balance", "review time median/p90 (h)");
        foreach (var d in report.Domains.OrderBy(d => d.Balance).Take(limit))
            table.AddRow(Shown.Escape(d.Key), N(d.Given), N(d.Needed), N(d.Received), d.Balance.ToString("+0;-0;0", Inv), Hours(d.ReviewTime));
        return table;
    }

    public static string Csv(BacklogView view)
    {
        var s = new StringBuilder();
        if (view.Waiting is { } waiting)
        {
            s.Append("subsystem,topic_id,title,author,version,state,first_posted,age_days,patches,reviewed,waiting,waiting_fixes,stale,message_id\r\n");
            foreach (var w in waiting)
                Line(s, view.Subsystems[0].Name, w.TopicId, w.Title, w.AuthorEmail, w.Version, w.State, w.FirstPosted.ToString("O", Inv),
                    D(w.AgeDays), N(w.Patches), N(w.ReviewedPatches), N(w.WaitingPatches), N(w.WaitingFixes), w.Stale ? "1" : "0", w.MessageId);
            return s.ToString();
        }
        s.Append("subsystem,open_series,waiting_patches,fix_series,waiting_fixes,patch_days,oldest_topic,oldest_age_days,stale_series,")
            .Append("first_review_samples,first_review_median_hours,first_review_p90_hours,accepted_series,accepted_reviewed,reviewed_before_accept_share\r\n");
        foreach (var d in view.Subsystems)
            Line(s, d.Name, N(d.OpenSeries), N(d.WaitingPatches), N(d.FixSeries), N(d.WaitingFixes), D(d.PatchDays), d.Oldest?.TopicId,
                d.Oldest is null ? "" : D(d.Oldest.AgeDays), N(d.StaleSeries), N(d.FirstReview.Samples), D(d.FirstReview.MedianHours),
                D(d.FirstReview.P90Hours), N(d.AcceptedSeries), N(d.AcceptedReviewed), D(d.ReviewedBeforeAcceptShare));
        return s.ToString();
    }

    static void Line(StringBuilder s, params string?[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
                s.Append(',');
            var f = fields[i] ?? "";
            s.Append(f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"") + "\"" : f);
        }
        s.Append("\r\n");
    }

    static string N(int n) => n.ToString(Inv);
    static string D(double? d) => d?.ToString("0.###", Inv) ?? "";
    public static string Hours(Durations d) => d.Samples == 0 ? "" : $"{d.MedianHours!.Value.ToString("0.#", Inv)} / {d.P90Hours!.Value.ToString("0.#", Inv)}";
    public static string Share(SubsystemDebt s) => s.ReviewedBeforeAcceptShare is { } v ? $"{v:P0} of {s.AcceptedSeries}" : "";
}
