using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReviewQueue.Commands;
using ReviewQueue.Debt;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Web.People;
using ReviewQueue.Web.Series;

namespace ReviewQueue.Web.Backlog;

/// <summary>The dashboard's pages and the read-only JSON API (the same objects and serializer as the CLI's --json).</summary>
public static class BacklogEndpoints
{
    public static IEndpointRouteBuilder MapBacklog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (string? as_of, ReviewQueue.Debt.Backlog backlog, DebtStore store, OverviewCache cache, CancellationToken ct) =>
        {
            if (!TryDay(as_of, out var day))
                return Html.BadRequest($"as_of {as_of}: not a date (YYYY-MM-DD)");
            if (day is null)
            {
                var stamp = await cache.StampAsync(() => store.StampAsync(ct));
                var (html, gzip) = await cache.GetAsync(stamp, async () =>
                    OverviewPage.Render((await backlog.DebtAsync(null, null, ct))!, await backlog.HistoryAsync(null, ct), null));
                return Html.Result(html, gzip);
            }
            var view = (await backlog.DebtAsync(null, day, ct))!;
            return Html.Result(OverviewPage.Render(view, Until(await backlog.HistoryAsync(null, ct), day.Value), day));
        });

        app.MapGet("/subsystems/{**name}", async (string name, string? as_of, ReviewQueue.Debt.Backlog backlog, CancellationToken ct) =>
        {
            if (!TryDay(as_of, out var day))
                return Html.BadRequest($"as_of {as_of}: not a date (YYYY-MM-DD)");
            var view = await backlog.DebtAsync(name, day, ct);
            if (view is null)
                return Html.NotFound($"No series in subsystem {name}.");
            var history = await backlog.HistoryAsync(name, ct);
            return Html.Result(SubsystemPage.Render(name, view, day is null ? history : Until(history, day.Value)));
        });

        app.MapGet("/series/{id}", async (string id, TopicStore topics, CancellationToken ct) =>
        {
            var data = await topics.FindAsync(id, ct);
            return data is null
                ? Html.NotFound($"No topic {id}.")
                : Html.Result(SeriesPage.Render(TopicView.Read(data)));
        });

        app.MapGet("/people", async (ReviewQueue.Debt.Backlog backlog, CancellationToken ct) =>
            Html.Result(PeoplePage.Render(await backlog.PeopleAsync(null, ct))));

        app.MapGet("/api/backlog", async (string? subsystem, string? as_of, ReviewQueue.Debt.Backlog backlog, CancellationToken ct) =>
        {
            if (!TryDay(as_of, out var day))
                return Json(new { error = $"as_of {as_of}: not a date (YYYY-MM-DD)" }, 400);
            if (subsystem is null && day is null && await backlog.StoredJsonAsync(ct) is { } stored)
                return Results.Text(stored, "application/json; charset=utf-8");
            var view = await backlog.DebtAsync(subsystem, day, ct);
            return view is null ? Json(new { error = $"no series in subsystem '{subsystem}'" }, 404) : Json(view);
        });

        app.MapGet("/api/history", async (string? subsystem, ReviewQueue.Debt.Backlog backlog, CancellationToken ct) =>
            Json(await backlog.HistoryAsync(subsystem, ct)));

        app.MapGet("/api/people", async (string? as_of, ReviewQueue.Debt.Backlog backlog, CancellationToken ct) =>
        {
            if (!TryDay(as_of, out var day))
                return Json(new { error = $"as_of {as_of}: not a date (YYYY-MM-DD)" }, 400);
            return Json(await backlog.PeopleAsync(day, ct));
        });

        // The same as show --json, with what the watched trees say of each revision.
        app.MapGet("/api/series/{id}", async (string id, TopicStore topics, ReviewQueue.Trees.RevisionCheck check, CancellationToken ct) =>
        {
            var data = await topics.FindAsync(id, ct);
            return data is null
                ? Json(new { error = $"no topic {id}" }, 404)
                : Json(await ReviewQueue.Trees.RevisionApplies.ShowJsonAsync(data, check, ct));
        });
        return app;
    }

    static IReadOnlyList<DebtDay> Until(IReadOnlyList<DebtDay> history, DateOnly day)
    {
        var last = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return history.Where(h => string.CompareOrdinal(h.Day, last) <= 0).ToList();
    }

    static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return false;
        day = d;
        return true;
    }

    /// <summary>The CLI's serializer, so /api/x equals `reviewqueue x --json`.</summary>
    static IResult Json<T>(T value, int status = 200) =>
        Results.Text(typeof(T) == typeof(JsonElement) ? JsonSerializer.Serialize(value, JsonOutput.Options) : DebtJson.Serialize(value),
            "application/json; charset=utf-8", null, status);
}
