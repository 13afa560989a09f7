using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReviewQueue.Commands;
using ReviewQueue.Core.Mail;
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
        app.MapRead("/", async (string? as_of, HttpContext context, ReviewQueue.Debt.Backlog backlog, DebtStore store, OverviewCache cache, TimeProvider time,
            CancellationToken ct) =>
        {
            if (DayProblem(as_of, time, out var day) is { } problem)
                return Html.BadRequest(problem);
            var links = SiteLinks.Of(context);
            if (day is null)
            {
                var stamp = await cache.StampAsync(() => store.StampAsync(ct));
                var (html, gzip) = await cache.GetAsync(stamp, links.Root, async () =>
                    OverviewPage.Render((await backlog.DebtAsync(null, null, ct))!, await backlog.HistoryAsync(null, ct), null, links));
                return Html.Result(html, gzip);
            }
            var view = (await backlog.DebtAsync(null, day, ct))!;
            return Html.Result(OverviewPage.Render(view, Until(await backlog.HistoryAsync(null, ct), day.Value), day, links));
        }).AddEndpointFilter(Takes("as_of"));

        app.MapRead("/subsystems/{**name}", async (string? name, string? as_of, HttpContext context, ReviewQueue.Debt.Backlog backlog, ListArchive archive,
            TimeProvider time, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(name))
                return Results.Redirect(SiteLinks.Of(context).Home); // /subsystems and /subsystems/: the overview lists them all
            // The server decodes every escape of the path but %2F (a '/' inside a segment): names like "ARM/SOC" hold one.
            name = name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
            if (DayProblem(as_of, time, out var day) is { } problem)
                return Html.BadRequest(problem);
            var view = await backlog.DebtAsync(name, day, ct);
            if (view is null)
                return Html.NotFound(Sentence((await backlog.MissAsync(name, ct)).Message));
            var section = view.Subsystems[0].Name; // as MAINTAINERS spells it, whatever the case asked
            var history = await backlog.HistoryAsync(section, ct);
            return Html.Result(SubsystemPage.Render(section, view, day is null ? history : Until(history, day.Value), archive, day, SiteLinks.Of(context)));
        }).AddEndpointFilter(Takes("as_of"));

        app.MapRead("/series/{id}", async (string id, HttpContext context, TopicStore topics, ListArchive archive, CancellationToken ct) =>
        {
            var data = await topics.FindAsync(id, ct);
            return data is null
                ? Html.NotFound($"No topic {id}.")
                : Html.Result(SeriesPage.Render(TopicView.Read(data), archive, SiteLinks.Of(context)));
        }).AddEndpointFilter(Takes());

        app.MapRead("/people", async (string? as_of, HttpContext context, ReviewQueue.Debt.Backlog backlog, TimeProvider time, CancellationToken ct) =>
            DayProblem(as_of, time, out var day) is { } problem
                ? Html.BadRequest(problem)
                : Html.Result(PeoplePage.Render(await backlog.PeopleAsync(day, ct), SiteLinks.Of(context)))).AddEndpointFilter(Takes("as_of"));

        app.MapRead("/api/backlog", async (string? subsystem, string? as_of, ReviewQueue.Debt.Backlog backlog, TimeProvider time, CancellationToken ct) =>
        {
            if (DayProblem(as_of, time, out var day) is { } problem)
                return Json(new { error = problem }, 400);
            if (subsystem is null && day is null && await backlog.StoredJsonAsync(ct) is { } stored)
                return Results.Text(stored, "application/json; charset=utf-8");
            var view = await backlog.DebtAsync(subsystem, day, ct);
            return view is null ? Miss(await backlog.MissAsync(subsystem!, ct)) : Json(view);
        }).AddEndpointFilter(Takes("subsystem", "as_of"));

        app.MapRead("/api/history", async (string? subsystem, ReviewQueue.Debt.Backlog backlog, CancellationToken ct) =>
        {
            if (subsystem is null)
                return Json(await backlog.HistoryAsync(null, ct));
            // As /api/backlog: an unknown section is not found; a known one has its days, none when it never had debt.
            return await backlog.SectionAsync(subsystem, ct) is { } section
                ? Json(await backlog.HistoryAsync(section, ct))
                : Miss(await backlog.MissAsync(subsystem, ct));
        }).AddEndpointFilter(Takes("subsystem"));

        app.MapRead("/api/people", async (string? as_of, ReviewQueue.Debt.Backlog backlog, TimeProvider time, CancellationToken ct) =>
        {
            if (DayProblem(as_of, time, out var day) is { } problem)
                return Json(new { error = problem }, 400);
            return Json(await backlog.PeopleAsync(day, ct));
        }).AddEndpointFilter(Takes("as_of"));

        // The same as show --json, with what the watched trees say of each revision.
        app.MapRead("/api/series/{id}", async (string id, TopicStore topics, ReviewQueue.Trees.RevisionCheck check, CancellationToken ct) =>
        {
            var data = await topics.FindAsync(id, ct);
            return data is null
                ? Json(new { error = $"no topic {id}" }, 404)
                : Json(await ReviewQueue.Trees.RevisionApplies.ShowJsonAsync(data, check, ct));
        }).AddEndpointFilter(Takes());

        // Browsers ask every site for its icon; there is none, and saying so without an error keeps their consoles clean.
        app.MapRead("/favicon.ico", () => Results.NoContent());

        // Any other address: the dashboard's own not-found page (an empty 404 shows as the browser's error page), JSON under /api.
        app.MapFallback("{**path}", (HttpContext context) =>
        {
            var path = context.Request.Path.Value ?? "/";
            return path == "/api" || path.StartsWith("/api/", StringComparison.Ordinal)
                ? Json(new { error = $"no API at {path}: there are /api/backlog, /api/history, /api/people and /api/series/ID" }, 404)
                : Html.NotFound($"No page at {path}.");
        }).WithMetadata(new HttpMethodMetadata(ReadRoutes.Methods));
        return app;
    }

    /// <summary>
    /// Refuses a query parameter the address does not take, or one given twice: `?as-of=` (the CLI's spelling) or a typo
    /// in `subsystem` would otherwise be answered for today or for every section, as if that had been asked.
    /// </summary>
    static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Takes(params string[] names) => async (context, next) =>
    {
        var request = context.HttpContext.Request;
        foreach (var (key, values) in request.Query)
        {
            // As the binding reads them: in any case.
            var problem = !names.Contains(key, StringComparer.OrdinalIgnoreCase)
                ? $"unknown parameter '{key}': {(names.Length == 0 ? "this address takes none" : "this address takes " + string.Join(", ", names))}"
                : values.Count > 1 ? $"{key} given {values.Count} times: give it once" : null;
            if (problem is not null)
                return request.Path.StartsWithSegments("/api") ? Json(new { error = problem }, 400) : Html.BadRequest(problem);
        }
        return await next(context);
    };

    static IReadOnlyList<DebtDay> Until(IReadOnlyList<DebtDay> history, DateOnly day)
    {
        var last = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return history.Where(h => string.CompareOrdinal(h.Day, last) <= 0).ToList();
    }

    /// <summary>What is wrong with an as_of (not a date, or after today), or null with the day (null when not given).</summary>
    static string? DayProblem(string? text, TimeProvider time, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
            return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return $"as_of {text}: not a date (YYYY-MM-DD)";
        if (ReviewQueue.Debt.Backlog.IsFuture(d, time))
            return $"as_of {text}: after today (UTC); debt is known up to now";
        day = d;
        return null;
    }

    /// <summary>404 for a section without backlog, saying whether it exists and, if not, the closest names that do.</summary>
    static IResult Miss(SectionMiss miss) =>
        Json(new { error = miss.Message, section = miss.Section, suggestions = miss.Suggestions }, 404);

    static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";

    /// <summary>The CLI's serializer, so /api/x equals `reviewqueue x --json`.</summary>
    static IResult Json<T>(T value, int status = 200) =>
        Results.Text(typeof(T) == typeof(JsonElement) ? JsonSerializer.Serialize(value, JsonOutput.Options) : DebtJson.Serialize(value),
            "application/json; charset=utf-8", null, status);
}
