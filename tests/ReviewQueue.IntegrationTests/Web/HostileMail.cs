using System.Text;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>
/// Mail written to break a page, one unanswered patch each, and MAINTAINERS sections named to do the same:
///   html   a subject and a name closing an attribute and opening &lt;script&gt; and &lt;img onerror&gt;, a Message-ID with both
///   long   a 2,000-character subject of one word, a 300-character name, a 500-character Message-ID
///   rtl    a right-to-left override (U+202E) in the subject, the name and the Message-ID; zero-width and control characters
///   js     `javascript:` as subject, name, Message-ID and section name: whatever becomes a link
///   nul    NUL bytes in the subject, the name and the Message-ID
/// </summary>
public static class HostileMail
{
    public const char Rlo = '\u202e';
    public const string HtmlSubject = "hwmon: \"><script>alert('subject')</script><img src=x onerror=alert(2)> x";
    public static readonly string LongSubject = "hwmon: " + new string('A', 2000);
    public static readonly string RtlName = $"Eve {Rlo}live";
    public const string HtmlSection = "<script>alert(6)</script> \"QUOTED\" DRIVER";
    public const string JsSection = "javascript:alert(7)";
    public static readonly string RtlSection = $"RTL {Rlo}SECTION";

    static readonly (string Subject, string From, string MessageId)[] Patches =
    [
        ("[PATCH] " + HtmlSubject, "\"Mallory \\\"><script>alert(3)</script>\" <mal@evil.example>", "<\"><script>alert(4)</script>@evil.example>"),
        ("[PATCH] " + LongSubject, $"\"{new string('B', 300)}\" <long@evil.example>", $"<{new string('m', 500)}@evil.example>"),
        ($"[PATCH] hwmon: (rtl) fix {Rlo}gnp.exe and zero\u200bwidth\u200d and ctl \u0001\u001b[31m red", $"\"{RtlName}\" <eve@evil.example>",
            $"<rtl-{Rlo}x@evil.example>"),
        ("[PATCH] javascript:alert(document.domain)", "\"javascript:alert(1)\" <js@evil.example>", "<javascript:alert(5)>"),
        ("[PATCH] hwmon: nul \0 byte in subject", "\"Nul \0 Name\" <nul@evil.example>", "<nul\0id@evil.example>"),
    ];

    public static int Count => Patches.Length;

    public static string Mbox()
    {
        var s = new StringBuilder();
        for (int i = 0; i < Patches.Length; i++)
        {
            var (subject, from, id) = Patches[i];
            var file = $"drivers/hwmon/evil{i}.c";
            s.Append(MailText.MboxEntry(
                $"From: {from}\nTo: linux-hwmon@vger.kernel.org\nSubject: {subject}\nDate: Thu, 8 Jan 2026 0{i}:00:00 +0000\nMessage-ID: {id}\n" +
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nBody.\n\nSigned-off-by: X <x@evil.example>\n---\n" +
                $" {file} | 2 +-\n\ndiff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n--- a/{file}\n+++ b/{file}\n" +
                "@@ -1,1 +1,1 @@\n-old\n+new\n-- \n2.47.0\n"));
        }
        return s.ToString();
    }

    public static string Maintainers => $"""

        THE REST
        M:	Root <root@example.org>
        F:	*
        F:	*/

        {HtmlSection}
        M:	Q <q@example.org>
        F:	drivers/hwmon/evil0.c

        {JsSection}
        M:	J <j@example.org>
        F:	drivers/hwmon/evil3.c

        {RtlSection}
        M:	R <r@example.org>
        F:	drivers/hwmon/evil2.c

        """;
}

/// <summary>The dashboard over <see cref="HostileMail"/>.</summary>
public sealed class HostileDashboardHost : DashboardHost
{
    protected override string Mbox() => HostileMail.Mbox();

    protected override string? Maintainers => HostileMail.Maintainers;
}
