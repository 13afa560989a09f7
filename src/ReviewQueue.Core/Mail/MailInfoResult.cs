using System.Text;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// The three outputs of <c>git mailinfo -u msg patch &lt; mail &gt; info</c>, as bytes.
/// Header values are null where git prints no line for them.
/// </summary>
public sealed class MailInfoResult
{
    public required byte[] Message { get; init; }
    public required byte[] Patch { get; init; }
    public byte[]? Author { get; init; }
    public byte[]? Email { get; init; }
    public byte[]? Subject { get; init; }
    public byte[]? Date { get; init; }
    /// <summary>Where git would fail (exit code 128): an unknown charset, bad encoded-words, too deep MIME.</summary>
    public required IReadOnlyList<string> Errors { get; init; }
    /// <summary>Charsets that could not be converted (git fails on them; we decoded as well as we could).</summary>
    public required IReadOnlyList<string> UnknownCharsets { get; init; }
    public bool QuotedCr { get; init; }
    public bool Empty { get; init; }

    /// <summary>The info file exactly as git writes it.</summary>
    public byte[] Info()
    {
        var s = new MemoryStream();
        if (Author is not null)
        {
            Line(s, "Author: "u8, Author);
            Line(s, "Email: "u8, Email ?? []);
        }
        if (Subject is not null)
            Line(s, "Subject: "u8, Subject);
        if (Date is not null)
            Line(s, "Date: "u8, Date);
        s.WriteByte((byte)'\n');
        return s.ToArray();
    }

    static void Line(MemoryStream s, ReadOnlySpan<byte> name, byte[] value)
    {
        s.Write(name);
        s.Write(value);
        s.WriteByte((byte)'\n');
    }

    public static string Text(byte[]? bytes) => bytes is null ? "" : Charsets.Text(bytes);
}
