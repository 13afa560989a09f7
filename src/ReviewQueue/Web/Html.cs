using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using ReviewQueue.Core;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Web;

/// <summary>
/// Server-rendered pages: every value from mail is HTML-encoded, styles are inline, nothing is
/// loaded from another host, and no script runs (the Content-Security-Policy forbids it).
/// </summary>
public static class Html
{
    public const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string E(string? text) => HtmlEncoder.Default.Encode(WithoutBidiControls(text ?? ""));

    // An override or embedding (U+202A–U+202E, U+2066–U+2069) in a name or subject runs on past it to the end of the
    // paragraph: "by Eve\u202E…, first posted 2026-01-08" showed the page's own words, dates and states backwards. Pages
    // leave them out (the letters of a right-to-left name keep their order without them); the JSON keeps the mail as written.
    static readonly SearchValues<char> BidiControls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    static string WithoutBidiControls(string text) =>
        text.AsSpan().ContainsAny(BidiControls) ? string.Concat(text.Where(c => !BidiControls.Contains(c))) : text;

    /// <summary>
    /// <paramref name="html"/> linking to the mail in the list archive (Archive:Url); where there is none (a private list),
    /// the text followed by the Message-ID, which a reader can look up in their own mail.
    /// </summary>
    public static string MailLink(ListArchive archive, string messageId, string html) =>
        archive.Link(messageId) is { } href ? $"<a href=\"{E(href)}\">{html}</a>" : $"{html} {MessageIdText(messageId)}";

    /// <summary>A link to the mail in the list archive titled "mail"; without an archive, the Message-ID alone.</summary>
    public static string MailLink(ListArchive archive, string messageId) =>
        archive.Link(messageId) is { } href ? $"<a href=\"{E(href)}\">mail</a>" : MessageIdText(messageId);

    static string MessageIdText(string messageId) => $"<code class=\"small\">&lt;{E(messageId)}&gt;</code>";

    /// <summary>"1 patch", "2 patches": the count with its noun.</summary>
    public static string Count(long n, string one, string many) => Counted.Of(n, one, many);

    /// <summary>"1 day", "1.5 days": a measure shown with one decimal, with its noun.</summary>
    public static string Count(double n, string one, string many) => Counted.Of(n, one, many);

    public static string Num(double value) => value.ToString("0.#", Inv);

    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", Inv);

    public static string DateTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Inv) + " UTC";

    public static string Page(string title, string body, SiteLinks links)
    {
        var s = new StringBuilder(body.Length + 4096);
        s.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · ReviewQueue</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><a class=\"brand\" href=\"").Append(E(links.Home)).Append("\">ReviewQueue</a><nav><a href=\"").Append(E(links.Home))
            .Append("\">Subsystems</a><a href=\"").Append(E(links.People)).Append("\">People</a><a href=\"").Append(E(links.Api)).Append("\">API</a></nav></header><main>")
            .Append(body)
            .Append("</main></body></html>");
        return s.ToString();
    }

    public static IResult Result(string html) => new HtmlResult(Encoding.UTF8.GetBytes(html));

    /// <summary>A page already encoded (the cached overview), and gzipped for clients that accept it: written as is.</summary>
    public static IResult Result(byte[] utf8, byte[]? gzip) => new HtmlResult(utf8, gzip);

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal))
            zip.Write(data);
        return output.ToArray();
    }

    sealed class HtmlResult(byte[] utf8, byte[]? gzip = null) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var body = utf8;
            if (gzip is not null)
            {
                context.Response.Headers.Vary = "Accept-Encoding";
                if (AcceptsGzip(context.Request))
                {
                    context.Response.Headers.ContentEncoding = "gzip";
                    body = gzip;
                }
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = body.Length;
            context.Response.Headers.ContentSecurityPolicy = Policy; // nosniff: RunCommand's, on every answer
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        }
    }

    /// <summary>
    /// Whether Accept-Encoding takes gzip (RFC 9110 12.5.3): named (x-gzip is its old name) or, if not named, by "*", with a
    /// weight above 0. "gzip;q=0" says it is not acceptable.
    /// </summary>
    static bool AcceptsGzip(HttpRequest request)
    {
        var codings = request.GetTypedHeaders().AcceptEncoding;
        var gzip = codings.FirstOrDefault(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || c.Value.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            ?? codings.FirstOrDefault(c => c.Value == "*");
        return gzip is not null && (gzip.Quality ?? 1) > 0;
    }

    public static IResult NotFound(string what) =>
        new StatusHtml(404, links => Page("Not found", $"<h1>Not found</h1><p>{E(what)}</p><p><a href=\"{E(links.Home)}\">Back to the overview</a></p>", links));

    public static IResult BadRequest(string what) =>
        new StatusHtml(400, links => Page("Bad request", $"<h1>Bad request</h1><p>{E(what)}</p>", links));

    sealed class StatusHtml(int status, Func<SiteLinks, string> page) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            return Result(page(SiteLinks.Of(context))).ExecuteAsync(context);
        }
    }

    // main's overflow-wrap and pre's pre-wrap: a heading, a sentence or the b4 am line holding a 2,000-character subject or
    // a 500-character Message-ID of one word wraps instead of making the page scroll sideways (copying keeps it one line).
    // td's overflow-wrap: a title's identifier (devm_platform_ioremap_resource_byname()) or a long address breaks inside
    // its cell instead of pushing the table past the page, which hid the mail column on a 1280-pixel screen; numbers
    // (td.n and the overview's figures) stay whole.
    const string Style = """
        :root{--fg:#1d2430;--muted:#5b6576;--line:#d9dee7;--bg:#f6f7f9;--card:#fff;--accent:#2456a6;--bad:#b3261e;--warn:#9a5b00;--ok:#2e7d32}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
        header{display:flex;gap:2rem;align-items:center;padding:.7rem 1.5rem;background:#1d2430;color:#fff}
        header a{color:#fff;text-decoration:none}header .brand{font-weight:700;font-size:1.1rem}header nav a{margin-right:1.2rem;opacity:.85}
        main{max-width:1200px;margin:0 auto;padding:1.2rem 1.5rem 3rem;overflow-wrap:break-word}pre{white-space:pre-wrap}h1{font-size:1.5rem;margin:.3rem 0 .2rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}
        .sub{color:var(--muted);margin:0 0 1rem}a{color:var(--accent)}
        .cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .9rem;min-width:150px}
        .card b{display:block;font-size:1.45rem}.card span{color:var(--muted);font-size:.85rem}
        table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:8px}
        th,td{padding:.42rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}td{overflow-wrap:anywhere}
        th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);background:#eef1f5}
        td.n,th.n,table.debt td:nth-child(n+3):not(:nth-child(7)),table.debt th:nth-child(n+3):not(:nth-child(7)){text-align:right;font-variant-numeric:tabular-nums;overflow-wrap:normal}tr:last-child td{border-bottom:0}
        .fix{color:#fff;background:var(--bad);border-radius:4px;padding:0 .35rem;font-size:.78rem;font-weight:600}
        .stale{color:var(--warn);font-size:.8rem;font-weight:600}.state{font-size:.8rem;border-radius:4px;padding:0 .35rem;background:#e8ecf2;white-space:nowrap}
        .state.reviewed,.state.accepted{background:#dcefdc;color:var(--ok)}.state.objected{background:#f8dcdc;color:var(--bad)}
        .state.unreviewed{background:#fde9d4;color:var(--warn)}.muted{color:var(--muted)}.small{font-size:.85rem}
        svg.chart{background:var(--card);border:1px solid var(--line);border-radius:8px;width:100%;height:auto}
        .legend span{margin-right:1rem;font-size:.85rem}.sw{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
        .rev{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .9rem;margin:.8rem 0}
        ul.trailers{margin:.2rem 0 .2rem 1rem;padding:0}ul.trailers li{list-style:none;font-size:.88rem}
        form.asof{margin:.4rem 0 1rem}form.asof input{font:inherit;padding:.15rem .3rem}
        """;
}
