using static ReviewQueue.Core.Mail.MailInfoText;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// What <c>git mailinfo</c> knows about the MIME part it is reading: the stack of multipart
/// boundaries (only the innermost is watched), the part's transfer encoding, charset and
/// format=flowed, set by whichever header last said so; and the header checks that set them.
/// </summary>
sealed class MailInfoPart(MailInfoOptions options)
{
    public enum TransferEncoding { None, Base64, QuotedPrintable }

    public static readonly string[] Names = ["From", "Subject", "Date"];
    const int MaxBoundaries = 5; // git's content[] stack, slot 0 being "no boundary"

    readonly List<byte[]> boundaries = [];
    public TransferEncoding Transfer { get; private set; }
    public string Charset { get; private set; } = "";
    public bool Flowed { get; private set; }
    public bool DelSp { get; private set; }
    public byte[]? MessageId { get; private set; }
    public List<string> Errors { get; } = [];
    public List<string> UnknownCharsets { get; } = [];

    /// <summary>The innermost boundary ("--" + boundary), or null outside multipart.</summary>
    public byte[]? Top => boundaries.Count > 0 ? boundaries[^1] : null;

    public bool IsBoundary(ReadOnlySpan<byte> line) => Top is { } top && line.StartsWith(top);

    /// <summary>An end boundary closes the innermost multipart.</summary>
    public void CloseTop() => boundaries.RemoveAt(boundaries.Count - 1);

    /// <summary>A new part starts with no encoding, charset or format until its headers say.</summary>
    public void Reset()
    {
        Transfer = TransferEncoding.None;
        Charset = "";
        Flowed = DelSp = false;
    }

    /// <summary>git's check_header: From/Subject/Date into <paramref name="headers"/>, MIME headers into this part.</summary>
    public bool CheckHeader(ReadOnlySpan<byte> line, byte[]?[] headers, bool overwrite)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if ((headers[i] is null || overwrite) && SkipHeader(line, Names[i], out int v))
            {
                headers[i] = Decode(line[v..]);
                return true;
            }
        }
        if (SkipHeader(line, "Content-Type", out int ct))
        {
            ContentType(Decode(line[ct..]));
            return true;
        }
        if (SkipHeader(line, "Content-Transfer-Encoding", out int te))
        {
            var value = Latin(Decode(line[te..]));
            Transfer = value.Contains("base64", StringComparison.OrdinalIgnoreCase) ? TransferEncoding.Base64
                : value.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase) ? TransferEncoding.QuotedPrintable
                : TransferEncoding.None;
            return true;
        }
        if (SkipHeader(line, "Message-Id", out int id))
        {
            var value = Decode(line[id..]);
            if (options.MessageId)
                MessageId = value;
            return true;
        }
        return false;
    }

    byte[] Decode(ReadOnlySpan<byte> value)
    {
        var decoded = DecodeHeader(value, UnknownCharsets, out bool error);
        if (error)
            Errors.Add("cannot decode header: " + Latin(value.ToArray()));
        return decoded;
    }

    void ContentType(byte[] value)
    {
        var boundary = Attribute(value, "boundary=");
        if (boundary is not null)
        {
            if (boundaries.Count + 1 >= MaxBoundaries)
                Errors.Add("Too many boundaries to handle");
            else
                boundaries.Add(System.Text.Encoding.Latin1.GetBytes("--" + boundary));
        }
        Charset = Attribute(value, "charset=") ?? "";
        if (string.Equals(Attribute(value, "format="), "flowed", StringComparison.OrdinalIgnoreCase))
        {
            Flowed = true;
            DelSp = string.Equals(Attribute(value, "delsp="), "yes", StringComparison.OrdinalIgnoreCase);
        }
    }

    static string Latin(byte[] b) => System.Text.Encoding.Latin1.GetString(b);
}
