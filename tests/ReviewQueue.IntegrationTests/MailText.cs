using System.Text;

namespace ReviewQueue.IntegrationTests;

/// <summary>Small hand-made mails for import tests.</summary>
public static class MailText
{
    public static string Message(int n, string? messageId = null, string body = "Hello.\n") =>
        $"From: Ada Author <ada@example.org>\n" +
        $"To: devel@lists.example.org\n" +
        $"Subject: [PATCH] demo: change number {n}\n" +
        $"Date: Mon, 5 Jan 2026 10:{n / 60 % 60:00}:{n % 60:00} +0000\n" +
        (messageId is null ? "" : $"Message-ID: <{messageId}>\n") +
        "\n" + body;

    public static string MboxEntry(string message) =>
        "From ada@example.org Mon Jan  5 10:00:00 2026\n" + message + (message.EndsWith('\n') ? "" : "\n") + "\n";

    public static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);
}
