using System.Globalization;
using System.Text;
using System.Text.Json;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>
/// Mails written whole, as a mail client sends them, read through the mail reader and the series factory as the
/// import reads them: for the rules that live in a mail's text (notes, objections, prefixes), which ThreadBuilder's
/// ready-made facts would skip.
/// </summary>
static class WrittenMails
{
    /// <summary>The bots and objection words exactly as seeds/ lists them.</summary>
    public static ReviewPolicy SeedPolicy { get; } = LoadSeedPolicy();

    public static SeriesRules SeedRules { get; } = new(SeedPolicy.IsBot, Rules.Meaning, SeedPolicy.SendsAppliedNotices);

    static ReviewPolicy LoadSeedPolicy()
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var policy = JsonDocument.Parse(File.ReadAllText(RepoPaths.Of("seeds", "review-policy.json")), options);
        using var bots = JsonDocument.Parse(File.ReadAllText(RepoPaths.Of("seeds", "bots.json")), options);
        var words = policy.RootElement.GetProperty("objectionWords").EnumerateArray().Select(w => w.GetString()!).ToList();
        var rules = bots.RootElement.GetProperty("bots").EnumerateArray().Select(b => new BotRule(
            b.GetProperty("name").GetString()!, b.GetProperty("match").GetString()!,
            b.TryGetProperty("appliedNotices", out var n) && n.GetBoolean())).ToList();
        return new ReviewPolicy(["Reviewed-by"], ["Acked-by"], ["Tested-by"], ["Nacked-by"], words, false, TimeSpan.FromDays(14), rules);
    }

    /// <summary>The topics the mails make, each read as the import reads it.</summary>
    public static IReadOnlyList<Topic> Assemble(IEnumerable<string> raws, SeriesRules rules, Func<string, bool> isObjectionLine)
    {
        var assembler = new SeriesAssembler(rules);
        foreach (var raw in raws)
        {
            var mail = Assert.IsType<PatchMail>(MailReader.Read(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\n")), null).Mail);
            assembler.Add(SeriesMailFactory.From(mail, isObjectionLine)!);
        }
        return assembler.Build();
    }

    /// <summary>A patch's body: <paramref name="message"/>, Ada's sign-off, and a diff adding line <paramref name="n"/> to <paramref name="path"/>.</summary>
    public static string OneLinePatch(string message, int n, string path = "drivers/hwmon/demo.c") => $"""
        {message}

        Signed-off-by: Ada Author <ada@example.org>
        ---
         {path} | 1 +
         1 file changed, 1 insertion(+)

        diff --git a/{path} b/{path}
        index 1111111..2222222 100644
        --- a/{path}
        +++ b/{path}
        @@ -{n},0 +{n + 1} @@
        +int demo_{n - 1};
        --
        2.47.0
        """;

    /// <summary>A mail's headers, <paramref name="minute"/> minutes after ThreadBuilder.Start; <paramref name="root"/> heads References.</summary>
    public static string Headers(string from, string subject, string id, string? replyTo, int minute, string? root = null) => $"""
        From: {from}
        Subject: {subject}
        Date: {Start.AddMinutes(minute).ToString("ddd, d MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}
        Message-ID: <{id}@example.org>
        {(replyTo is null ? "" : $"In-Reply-To: <{replyTo}@example.org>\nReferences: {(root is null ? "" : $"<{root}@example.org> ")}<{replyTo}@example.org>\n")}MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        """;
}
