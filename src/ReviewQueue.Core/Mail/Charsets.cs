using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace ReviewQueue.Core.Mail;

/// <summary>Turns text in a named charset into UTF-8, as iconv does for git; unknown names are reported.</summary>
public static class Charsets
{
    static readonly ConcurrentDictionary<string, Encoding?> Known = new(StringComparer.OrdinalIgnoreCase);
    static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>git's is_encoding_utf8 / same_encoding for a target of UTF-8.</summary>
    public static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    public static Encoding? Find(string charset) => Known.GetOrAdd(charset.Trim(), Lookup);

    static Encoding? Lookup(string name)
    {
        if (name.Equals("utf-7", StringComparison.OrdinalIgnoreCase) || name.Equals("utf7", StringComparison.OrdinalIgnoreCase) ||
            name.Equals("unicode-1-1-utf-7", StringComparison.OrdinalIgnoreCase))
        {
            // iconv reads UTF-7 and so must we; .NET only refuses to look it up by name (SYSLIB0001: it is
            // unsafe as a web encoding, which does not apply to reading mail).
#pragma warning disable SYSLIB0001
            return new UTF7Encoding(allowOptionals: true);
#pragma warning restore SYSLIB0001
        }
        foreach (var candidate in Aliases(name))
        {
            try
            {
                return Encoding.GetEncoding(candidate);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // Not a charset .NET knows (or one it will not give out by name): reported as unknown.
            }
        }
        return null;
    }

    // Spellings iconv accepts and .NET does not: "ISO8859-8", "iso8859_1", "cp1252", "utf8".
    static IEnumerable<string> Aliases(string name)
    {
        yield return name;
        var m = System.Text.RegularExpressions.Regex.Match(name, @"^iso[-_ ]?8859[-_ ]?(\d+)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (m.Success)
            yield return "iso-8859-" + m.Groups[1].Value;
        m = System.Text.RegularExpressions.Regex.Match(name, @"^(?:cp|x-cp|ms)[-_]?(\d+)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (m.Success)
        {
            yield return "windows-" + m.Groups[1].Value;
            if (int.TryParse(m.Groups[1].Value, out var page))
                yield return "ibm" + page.ToString("000");
        }
        if (name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            yield return "utf-8";
    }

    /// <summary>
    /// The bytes re-encoded as UTF-8. Empty charset or UTF-8: unchanged (git does not check them).
    /// Unknown charset: valid UTF-8 is kept, anything else is read as Windows-1252; <paramref name="unknown"/> is set.
    /// </summary>
    public static byte[] ToUtf8(ReadOnlySpan<byte> text, string charset, out bool unknown)
    {
        unknown = false;
        if (charset.Length == 0 || IsUtf8(charset))
            return text.ToArray();
        var encoding = Find(charset);
        if (encoding is null)
        {
            unknown = true;
            return BestEffort(text);
        }
        if (encoding.CodePage == 20127 && IsValidUtf8(text))
            return text.ToArray(); // 8-bit text labelled us-ascii is nearly always UTF-8
        return Encoding.UTF8.GetBytes(encoding.GetString(text));
    }

    /// <summary>
    /// Whether ASCII bytes come out of <see cref="ToUtf8"/> unchanged: us-ascii, ISO-8859-*, Windows-125x, KOI8.
    /// Not every known charset does (ISO-2022 gives ASCII escapes a meaning, EBCDIC puts letters elsewhere).
    /// </summary>
    public static bool KeepsAscii(string charset) =>
        Find(charset)?.CodePage is 20127 or (>= 28591 and <= 28605) or (>= 1250 and <= 1258) or 20866 or 21866;

    /// <summary>Bytes of an unknown charset as text: UTF-8 when valid, else Windows-1252.</summary>
    public static byte[] BestEffort(ReadOnlySpan<byte> text)
    {
        if (IsValidUtf8(text))
            return text.ToArray();
        return Encoding.UTF8.GetBytes(Find("windows-1252")!.GetString(text));
    }

    public static bool IsValidUtf8(ReadOnlySpan<byte> text) => System.Text.Unicode.Utf8.IsValid(text);

    /// <summary>UTF-8 bytes as a string; invalid sequences become U+FFFD, as with Encoding.UTF8.</summary>
    /// <remarks>
    /// git decodes every part as text, so an attached image lands in the commit message: Encoding.UTF8's
    /// replacement fallback handles each bad byte slowly, Utf8.ToUtf16 replaces the same maximal invalid
    /// subsequences in its own loop. A byte never gives more than one UTF-16 unit, so bytes.Length chars suffice.
    /// Valid text (nearly all) still goes the direct way, which writes the string without a buffer between.
    /// </remarks>
    public static string Text(ReadOnlySpan<byte> utf8)
    {
        if (IsValidUtf8(utf8))
            return Encoding.UTF8.GetString(utf8);
        var chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            System.Text.Unicode.Utf8.ToUtf16(utf8, chars, out _, out int written, replaceInvalidSequences: true);
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    internal static Encoding Strict => StrictUtf8;
}
