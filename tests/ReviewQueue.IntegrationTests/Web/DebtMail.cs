using System.Text;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>
/// A small list archive written for the dashboard tests, as real mail:
///   fix   [PATCH 0/2] hwmon: (demo) … ─┬─ 1/2 (Fixes:) ─┬─ 2/2           unreviewed, with a fix
///   rev   [PATCH] hwmon: (lm75) …      ─ Reviewed-by Rob                  reviewed
///   xss   [PATCH] &lt;script&gt; … from "Eve &lt;b&gt;"                        unreviewed, hostile text
///   app   [PATCH] hwmon: (tmp) …       ─ Acked-by Mia ─ "Applied, thanks" accepted after review
/// </summary>
public static class DebtMail
{
    public const string XssSubject = "hwmon: <script>alert('subject')</script> make <b>bold</b> claims";
    public const string XssName = "Eve <img src=x onerror=alert(1)>";
    // A kernel title often names an identifier longer than a column is wide.
    public const string FixTitle = "hwmon: (demo) fix overflow in demo_fan_divisor_from_register_with_clamp()";

    public static string Mbox()
    {
        var s = new StringBuilder();
        Entry(s, Patch("fix-0", "Ada Author <ada@example.org>", "Mon, 5 Jan 2026 10:00:00 +0000", "[PATCH 0/2] " + FixTitle, null,
            "Two fixes for the demo driver.\n\nAda Author (2):\n  one\n  two\n\n drivers/hwmon/demo.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\nbase-commit: 0123456789abcdef0123456789abcdef01234567\n-- \n2.47.0\n", diff: false));
        Entry(s, Patch("fix-1", "Ada Author <ada@example.org>", "Mon, 5 Jan 2026 10:00:01 +0000", "[PATCH 1/2] hwmon: (demo) clamp the divisor", "fix-0",
            "The divisor overflows for slow fans.\n\nFixes: 1234567890ab (\"hwmon: (demo) add driver\")\nCc: stable@vger.kernel.org\nSigned-off-by: Ada Author <ada@example.org>\n", file: "drivers/hwmon/demo.c", line: 1));
        Entry(s, Patch("fix-2", "Ada Author <ada@example.org>", "Mon, 5 Jan 2026 10:00:02 +0000", "[PATCH 2/2] hwmon: (demo) report the clamped value", "fix-0",
            "Report what the hardware uses.\n\nSigned-off-by: Ada Author <ada@example.org>\n", file: "drivers/hwmon/demo.c", line: 2));

        Entry(s, Patch("rev-1", "Bob Builder <bob@builders.example.com>", "Tue, 6 Jan 2026 09:00:00 +0000", "[PATCH] hwmon: (lm75) add a new chip", null,
            "Add the new chip.\n\nSigned-off-by: Bob Builder <bob@builders.example.com>\n", file: "drivers/hwmon/lm75.c", line: 3));
        Entry(s, Reply("rev-r", "Rob Reviewer <rob@example.org>", "Wed, 7 Jan 2026 12:00:00 +0000", "Re: [PATCH] hwmon: (lm75) add a new chip", "rev-1",
            "On Tue, Bob wrote:\n> Add the new chip.\n\nLooks right.\n\nReviewed-by: Rob Reviewer <rob@example.org>\n"));

        Entry(s, Patch("xss-1", $"\"{XssName}\" <eve@evil.example.net>", "Thu, 8 Jan 2026 08:00:00 +0000", "[PATCH] " + XssSubject, null,
            "Nothing to see.\n\nSigned-off-by: Eve <eve@evil.example.net>\n", file: "drivers/hwmon/evil.c", line: 4));

        Entry(s, Patch("app-1", "Ada Author <ada@example.org>", "Fri, 9 Jan 2026 08:00:00 +0000", "[PATCH] hwmon: (tmp) tidy the probe", null,
            "Tidy.\n\nSigned-off-by: Ada Author <ada@example.org>\n", file: "drivers/hwmon/tmp.c", line: 5));
        Entry(s, Reply("app-a", "Mia Maintainer <mia@example.org>", "Fri, 9 Jan 2026 10:00:00 +0000", "Re: [PATCH] hwmon: (tmp) tidy the probe", "app-1",
            "Acked-by: Mia Maintainer <mia@example.org>\n"));
        Entry(s, Reply("app-t", "Mia Maintainer <mia@example.org>", "Sat, 10 Jan 2026 10:00:00 +0000", "Re: [PATCH] hwmon: (tmp) tidy the probe", "app-1",
            "Applied to hwmon-next, thanks.\n"));
        return s.ToString();
    }

    static void Entry(StringBuilder s, string message) => s.Append(MailText.MboxEntry(message));

    /// <summary>A patch mail as the archive's own are written (one line of <paramref name="file"/> changed).</summary>
    public static string Patch(string id, string from, string date, string subject, string? replyTo, string message,
        bool diff = true, string file = "drivers/hwmon/demo.c", int line = 1)
    {
        var head = $"From: {from}\nTo: linux-hwmon@vger.kernel.org\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}@example.org>\n" +
            (replyTo is null ? "" : $"In-Reply-To: <{replyTo}@example.org>\nReferences: <{replyTo}@example.org>\n") +
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n";
        if (!diff)
            return head + message;
        return head + message + "---\n" + $" {file} | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\n" +
            $"diff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n--- a/{file}\n+++ b/{file}\n@@ -{line},1 +{line},1 @@\n-old line {line}\n+new line {line}\n-- \n2.47.0\n";
    }

    static string Reply(string id, string from, string date, string subject, string replyTo, string body) =>
        $"From: {from}\nTo: linux-hwmon@vger.kernel.org\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}@example.org>\n" +
        $"In-Reply-To: <{replyTo}@example.org>\nReferences: <{replyTo}@example.org>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}";
}
