using System.Buffers;
using System.Buffers.Text;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// The byte-level pieces of <c>git mailinfo</c>: its idea of white space, RFC 2047 and
/// transfer decoding, From: and Subject: clean-up, patch breaks and scissors lines.
/// Git works on C strings, so a NUL byte ends a value where git's would end.
/// </summary>
static class MailInfoText
{
    // git's own ctype: only space, tab, LF and CR are white space (no \v, \f).
    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    public static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return nul < 0 ? s : s[..nul];
    }

    public static ReadOnlySpan<byte> RTrim(ReadOnlySpan<byte> s)
    {
        int end = s.Length;
        while (end > 0 && IsSpace(s[end - 1]))
            end--;
        return s[..end];
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        s = RTrim(s);
        int start = 0;
        while (start < s.Length && IsSpace(s[start]))
            start++;
        return s[start..];
    }

    static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>Quoted-printable (or RFC 2047 "Q" with '_' as space); "=" at the end drops the newline.</summary>
    public static byte[] DecodeQ(ReadOnlySpan<byte> s, bool rfc2047)
    {
        var output = new byte[s.Length];
        return output[..DecodeQ(s, rfc2047, output)];
    }

    /// <summary>Decodes into <paramref name="output"/> (at least as long as <paramref name="s"/>); returns the length.</summary>
    public static int DecodeQ(ReadOnlySpan<byte> s, bool rfc2047, Span<byte> output)
    {
        s = CString(s);
        if (!rfc2047)
            return DecodeBody(s, output);
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (c == '=')
            {
                if (i + 1 >= s.Length || s[i + 1] == '\n')
                    break;
                if (i + 2 < s.Length && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0)
                {
                    output[n++] = (byte)(Hex(s[i + 1]) << 4 | Hex(s[i + 2]));
                    i += 2;
                    continue;
                }
            }
            if (rfc2047 && c == '_')
                c = (byte)' ';
            output[n++] = c;
        }
        return n;
    }

    /// <summary>A quoted-printable body line: the text between one '=' and the next is copied in one go.</summary>
    static int DecodeBody(ReadOnlySpan<byte> s, Span<byte> output)
    {
        int n = 0, i = 0;
        while (true)
        {
            int eq = s[i..].IndexOf((byte)'=');
            int plain = eq < 0 ? s.Length - i : eq;
            s.Slice(i, plain).CopyTo(output[n..]);
            n += plain;
            i += plain;
            if (eq < 0 || i + 1 >= s.Length || s[i + 1] == '\n')
                return n; // "=" at the end of the line: a soft break
            if (i + 2 < s.Length && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0)
            {
                output[n++] = (byte)(Hex(s[i + 1]) << 4 | Hex(s[i + 2]));
                i += 3;
                continue;
            }
            output[n++] = (byte)'=';
            i++;
        }
    }

    /// <summary>Base64 of one line; anything outside the alphabet (padding too) is skipped.</summary>
    public static byte[] DecodeB(ReadOnlySpan<byte> s)
    {
        var output = new byte[s.Length];
        return output[..DecodeB(s, output)];
    }

    static readonly SearchValues<byte> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    /// <summary>Decodes into <paramref name="output"/> (at least as long as <paramref name="s"/>); returns the length.</summary>
    public static int DecodeB(ReadOnlySpan<byte> s, Span<byte> output)
    {
        s = CString(s);
        // An attachment is line after line of whole groups and nothing else: the vectorized decoder gives the same bytes.
        var groups = s.Length > 0 && s[^1] == '\n' ? s[..^1] : s;
        if (groups.Length % 4 == 0 && !groups.ContainsAnyExcept(Base64Alphabet)
            && Base64.DecodeFromUtf8(groups, output, out _, out int written) == OperationStatus.Done)
            return written;
        int n = 0, pos = 0, acc = 0;
        foreach (byte b in s)
        {
            int c;
            if (b == '+') c = 62;
            else if (b == '/') c = 63;
            else if (b >= 'A' && b <= 'Z') c = b - 'A';
            else if (b >= 'a' && b <= 'z') c = b - 'a' + 26;
            else if (b >= '0' && b <= '9') c = b - '0' + 52;
            else continue;
            switch (pos++)
            {
                case 0: acc = c << 2; break;
                case 1: output[n++] = (byte)(acc | c >> 4); acc = (c & 15) << 4; break;
                case 2: output[n++] = (byte)(acc | c >> 2); acc = (c & 3) << 6; break;
                default: output[n++] = (byte)(acc | c); acc = 0; pos = 0; break;
            }
        }
        return n;
    }

    /// <summary>
    /// Unwraps RFC 2047 encoded-words into UTF-8. White space between two encoded-words is dropped.
    /// On a malformed word git keeps the value as it was and fails: <paramref name="error"/> says so.
    /// </summary>
    public static byte[] DecodeHeader(ReadOnlySpan<byte> value, List<string> unknownCharsets, out bool error)
    {
        value = CString(value);
        error = false;
        if (value.IndexOf("=?"u8) < 0)
            return value.ToArray(); // no encoded-word: the value as it is
        var output = new List<byte>(value.Length);
        int i = 0;
        while (i <= value.Length)
        {
            int ep = value[i..].IndexOf("=?"u8);
            if (ep < 0)
                break;
            ep += i;
            if (ep != i)
            {
                var before = value[i..ep];
                bool allSpace = true;
                foreach (byte b in before)
                    if (!IsSpace(b)) { allSpace = false; break; }
                if (!allSpace || i == 0)
                    output.AddRange(before);
            }
            int start = ep + 2;
            if (start >= value.Length)
                return Fail(value, out error);
            int q = value[start..].IndexOf((byte)'?');
            if (q < 0)
                return Fail(value, out error);
            q += start;
            if (q + 3 > value.Length)
                return Fail(value, out error);
            var charset = System.Text.Encoding.ASCII.GetString(value[start..q]);
            byte encoding = q + 1 < value.Length ? value[q + 1] : (byte)0;
            if (encoding == 0 || q + 2 >= value.Length || value[q + 2] != '?')
                return Fail(value, out error);
            int end = value[(q + 3)..].IndexOf("?="u8);
            if (end < 0)
                return Fail(value, out error);
            end += q + 3;
            var piece = value[(q + 3)..end];
            byte[] decoded;
            switch ((char)encoding)
            {
                case 'b': case 'B': decoded = DecodeB(piece); break;
                case 'q': case 'Q': decoded = DecodeQ(piece, rfc2047: true); break;
                default: return Fail(value, out error);
            }
            // "utf-8*en": RFC 2231 language suffix.
            int star = charset.IndexOf('*');
            if (star >= 0)
                charset = charset[..star];
            decoded = Charsets.ToUtf8(decoded, charset, out bool unknown);
            if (unknown)
            {
                unknownCharsets.Add(charset);
                error = true;
            }
            output.AddRange(decoded);
            i = end + 2;
        }
        if (i < value.Length)
            output.AddRange(value[i..]);
        return [.. output];
    }

    static byte[] Fail(ReadOnlySpan<byte> value, out bool error)
    {
        error = true;
        return value.ToArray();
    }

    /// <summary>Every run of white space becomes one space.</summary>
    public static byte[] CleanupSpace(ReadOnlySpan<byte> s)
    {
        var output = new byte[s.Length];
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (IsSpace(s[i]))
            {
                output[n++] = (byte)' ';
                while (i + 1 < s.Length && IsSpace(s[i + 1]))
                    i++;
                continue;
            }
            output[n++] = s[i];
        }
        return n == output.Length ? output : output[..n];
    }

    /// <summary>git's cleanup_subject without -k/-b: drop leading "Re:", white space, colons and [..] groups.</summary>
    public static byte[] CleanupSubject(ReadOnlySpan<byte> s)
    {
        int at = 0;
        while (at < s.Length)
        {
            byte c = s[at];
            if (c is (byte)'r' or (byte)'R')
            {
                if (s.Length <= at + 3)
                    break;
                if ((s[at + 1] == 'e' || s[at + 1] == 'E') && s[at + 2] == ':')
                {
                    at += 3;
                    continue;
                }
                break;
            }
            if (c is (byte)' ' or (byte)'\t' or (byte)':')
            {
                at++;
                continue;
            }
            if (c == '[')
            {
                int close = s[at..].IndexOf((byte)']');
                if (close < 0)
                    break;
                at += close + 1;
                continue;
            }
            break;
        }
        return Trim(s[at..]).ToArray();
    }

    /// <summary>Where the diff starts: "diff -", "Index: ", "--- file", or a "---" line of only white space.</summary>
    public static bool IsPatchBreak(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("diff -"u8) || line.StartsWith("Index: "u8))
            return true;
        if (line.Length < 4 || !line.StartsWith("---"u8))
            return false;
        if (line[3] == ' ' && !IsSpace(line[4]))
            return true;
        for (int i = 3; i < line.Length; i++)
        {
            if (line[i] == '\n')
                return true;
            if (!IsSpace(line[i]))
                return false;
        }
        return false;
    }

    /// <summary>A "-- &gt;8 --" line: perforation of dashes and scissors over most of the visible width.</summary>
    public static bool IsScissorsLine(ReadOnlySpan<byte> line)
    {
        line = CString(line);
        int scissors = 0, gap = 0, perforation = 0;
        int first = -1, last = -1;
        bool inPerforation = false;
        for (int i = 0; i < line.Length; i++)
        {
            byte c = line[i];
            if (IsSpace(c))
            {
                if (inPerforation)
                {
                    perforation++;
                    gap++;
                }
                continue;
            }
            last = i;
            if (first < 0)
                first = i;
            if (c == '-')
            {
                inPerforation = true;
                perforation++;
                continue;
            }
            if (i + 1 < line.Length && IsScissors(c, line[i + 1]))
            {
                inPerforation = true;
                perforation += 2;
                scissors += 2;
                i++;
                continue;
            }
            inPerforation = false;
        }
        int visible = first >= 0 ? last - first + 1 : 0;
        return scissors > 0 && visible >= 8 && visible < perforation * 3 && gap * 2 < perforation;
    }

    static bool IsScissors(byte a, byte b) =>
        (a == '>' && b == '8') || (a == '8' && b == '<') || (a == '>' && b == '%') || (a == '%' && b == '<');

    /// <summary>RFC 2822 "optional field" shape (name of printable characters, then ':'), or an mbox From line.</summary>
    public static bool IsRfc2822Header(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("From "u8) || line.StartsWith(">From "u8))
            return true;
        foreach (byte c in line)
        {
            if (c == ':')
                return true;
            if ((c >= 33 && c <= 57) || (c >= 59 && c <= 126))
                continue;
            return false;
        }
        return false;
    }

    /// <summary>"From &lt;40 hex&gt; Mon Sep 17 00:00:00 2001\n": format-patch's separator line.</summary>
    public static bool IsFormatPatchSeparator(ReadOnlySpan<byte> line)
    {
        var sample = "From e6807f3efca28b30decfecb1732a56c7db1137ee Mon Sep 17 00:00:00 2001\n"u8;
        if (line.Length != sample.Length || !line.StartsWith("From "u8))
            return false;
        for (int i = 5; i < 45; i++)
            if (!((line[i] >= '0' && line[i] <= '9') || (line[i] >= 'a' && line[i] <= 'f')))
                return false;
        return line[45..].SequenceEqual(sample[45..]);
    }

    /// <summary>"Name:" (any case), then white space skipped: the value; null when the line is another header.</summary>
    public static bool SkipHeader(ReadOnlySpan<byte> line, string name, out int valueStart)
    {
        valueStart = 0;
        if (line.Length <= name.Length)
            return false;
        for (int i = 0; i < name.Length; i++)
            if (char.ToLowerInvariant((char)line[i]) != char.ToLowerInvariant(name[i]))
                return false;
        if (line[name.Length] != ':')
            return false;
        int v = name.Length + 1;
        while (v < line.Length && IsSpace(line[v]))
            v++;
        valueStart = v;
        return true;
    }

    /// <summary>git's slurp_attr: the value after name= (quoted or up to "; \t"), found case-insensitively anywhere.</summary>
    public static string? Attribute(ReadOnlySpan<byte> value, string name)
    {
        value = CString(value);
        var text = System.Text.Encoding.Latin1.GetString(value);
        int at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return null;
        at += name.Length;
        if (at < text.Length && text[at] == '"')
        {
            int close = text.IndexOf('"', at + 1);
            return close < 0 ? text[(at + 1)..] : text[(at + 1)..close];
        }
        int stop = text.IndexOfAny([';', ' ', '\t'], at);
        return stop < 0 ? text[at..] : text[at..stop];
    }
}
