using System.Text;
using static ReviewQueue.Core.Mail.MailInfoText;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// git mailinfo's handle_filter: decoded body lines go to the commit message until the first
/// patch break, then to the patch. At the top of the message, in-body From:/Subject:/Date:
/// lines (and "[PATCH] …", a "&gt;From" format-patch line) are headers; a scissors line
/// discards what came before it.
/// </summary>
sealed class CommitMessageSplit(byte[] input, MailInfoOptions options, MailInfoPart part) : IDisposable
{
    readonly List<byte> accum = [];
    int filterStage, headerStage = 1;

    /// <summary>In-body From, Subject, Date (as <see cref="MailInfoPart.Names"/>).</summary>
    public byte[]?[] BodyHeaders { get; } = new byte[3][];
    public ByteWriter Log { get; } = new(input);
    public ByteWriter Patch { get; } = new(input);
    public int PatchLines { get; private set; }

    public void Filter(ReadOnlySpan<byte> line)
    {
        if (filterStage == 0)
        {
            if (!CommitMessageLine(line))
                return;
            filterStage = 1;
        }
        Patch.Write(line);
        PatchLines++;
    }

    /// <summary>One line of the message part; true when it starts the patch.</summary>
    bool CommitMessageLine(ReadOnlySpan<byte> line)
    {
        if (headerStage != 0 && (line.Length == 0 || (line.Length == 1 && line[0] == '\n')))
        {
            if (accum.Count > 0)
            {
                FlushAccum();
                headerStage = 0;
            }
            return false;
        }
        if (options.InbodyHeaders && headerStage != 0)
        {
            headerStage = InbodyHeader(line) ? 1 : 0;
            if (headerStage != 0)
                return false;
        }
        else
        {
            headerStage = 0;
        }

        bool unknown = false;
        var charset = part.Charset;
        // Most lines of a us-ascii or latin-1 mail are plain ASCII: they stay a slice of the mail.
        var text = charset.Length == 0 || Charsets.IsUtf8(charset) || (Ascii.IsValid(line) && KeepsAscii(charset))
            ? line : Charsets.ToUtf8(line, charset, out unknown);
        if (unknown && !part.UnknownCharsets.Contains(charset))
        {
            part.UnknownCharsets.Add(charset);
            part.Errors.Add($"cannot convert from {charset} to UTF-8");
        }

        if (options.Scissors && IsScissorsLine(text))
        {
            Log.Clear();
            headerStage = 1;
            Array.Clear(BodyHeaders);
            return false;
        }
        if (IsPatchBreak(CString(text)))
        {
            if (part.MessageId is { } messageId)
            {
                Log.Write("Message-ID: "u8); // newer git spells it so (t5100 msg0012--message-id)
                Log.Write(messageId);
                Log.WriteByte((byte)'\n');
            }
            return true;
        }
        Log.Write(text);
        return false;
    }

    // The part's charset, asked about on every line: looked up once per part.
    string? asciiCharset;
    bool asciiKept;

    bool KeepsAscii(string charset)
    {
        if (!ReferenceEquals(charset, asciiCharset))
        {
            asciiKept = Charsets.KeepsAscii(charset);
            asciiCharset = charset;
        }
        return asciiKept;
    }

    bool InbodyHeader(ReadOnlySpan<byte> line)
    {
        if (accum.Count > 0 && line.Length > 0 && line[0] is (byte)' ' or (byte)'\t')
        {
            if (options.Scissors && IsScissorsLine(line))
            {
                FlushAccum();
                return false;
            }
            if (accum[^1] == '\n')
                accum.RemoveAt(accum.Count - 1);
            accum.AddRange(line);
            return true;
        }
        FlushAccum();
        if (line.StartsWith(">From"u8) && line.Length > 5 && IsSpace(line[5]))
            return IsFormatPatchSeparator(line[1..]);
        if (line.StartsWith("[PATCH]"u8) && line.Length > 7 && IsSpace(line[7]))
        {
            BodyHeaders[1] = line.ToArray();
            return true;
        }
        for (int i = 0; i < MailInfoPart.Names.Length; i++)
        {
            if (BodyHeaders[i] is null && SkipHeader(line, MailInfoPart.Names[i], out _))
            {
                accum.AddRange(line);
                return true;
            }
        }
        return false;
    }

    /// <summary>An in-body header waiting for its continuation lines is complete.</summary>
    public void FlushAccum()
    {
        if (accum.Count == 0)
            return;
        part.CheckHeader([.. accum], BodyHeaders, overwrite: false);
        accum.Clear();
    }

    public void Dispose()
    {
        Log.Dispose();
        Patch.Dispose();
    }
}
