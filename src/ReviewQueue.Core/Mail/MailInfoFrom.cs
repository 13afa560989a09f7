using static ReviewQueue.Core.Mail.MailInfoText;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// git mailinfo's reading of a From: value into Author and Email: the word around '@' is the
/// address (in &lt;&gt; or bare), the rest is the name; a name that is too short, too long or
/// looks like an address is replaced by the address.
/// </summary>
static class MailInfoFrom
{
    public static (byte[] Name, byte[] Email) Read(ReadOnlySpan<byte> from)
    {
        from = CString(from);
        var f = Unquote(from);
        int at = f.IndexOf((byte)'@');
        if (at < 0)
            return Bogus(from);
        while (at > 0)
        {
            byte c = f[at - 1];
            if (IsSpace(c))
                break;
            if (c == '<')
            {
                f[at - 1] = (byte)' ';
                break;
            }
            at--;
        }
        int el = 0;
        while (at + el < f.Count && f[at + el] is not ((byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r' or 11 or 12 or (byte)'>'))
            el++;
        var email = f.GetRange(at, el).ToArray();
        f.RemoveRange(at, el + (at + el < f.Count ? 1 : 0));
        var rest = Trim(CleanupSpace(f.ToArray())).ToArray();
        if (rest.Length > 0 && rest[0] == '(' && rest[^1] == ')')
            rest = rest[1..^1];
        return (SaneName(rest, email), email);
    }

    // "John Doe <johndoe>" without an '@'.
    static (byte[] Name, byte[] Email) Bogus(ReadOnlySpan<byte> line)
    {
        int bra = line.IndexOf((byte)'<');
        if (bra < 0)
            return ([], []);
        int ket = line[bra..].IndexOf((byte)'>');
        if (ket < 0)
            return ([], []);
        var email = line.Slice(bra + 1, ket - 1).ToArray();
        var name = Trim(line[..bra]).ToArray();
        return (SaneName(name, email), email);
    }

    static byte[] SaneName(byte[] name, byte[] email) =>
        name.Length == 0 || name.Length > 60 || name.AsSpan().IndexOfAny("@<>"u8) >= 0 ? email : name;

    // Removes "quotes" and backslash escapes; (comments) keep their parentheses.
    static List<byte> Unquote(ReadOnlySpan<byte> s)
    {
        var output = new List<byte>(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            byte c = s[i++];
            if (c is (byte)'"' or (byte)'(')
                i = Enclosed(s, i, output, c == '"' ? (byte)'"' : (byte)')');
            else
                output.Add(c);
        }
        return output;
    }

    /// <summary>
    /// The rest of a "quoted string" or a (comment) from <paramref name="i"/>, up to its closing
    /// byte; a backslash takes the next byte as it is. Quotes are dropped; comments nest and keep
    /// their parentheses. Returns where reading stopped.
    /// </summary>
    static int Enclosed(ReadOnlySpan<byte> s, int i, List<byte> output, byte close)
    {
        bool comment = close == ')';
        if (comment)
            output.Add((byte)'(');
        bool literal = false;
        while (i < s.Length)
        {
            byte c = s[i++];
            if (literal)
                literal = false;
            else if (c == '\\')
            {
                literal = true;
                continue;
            }
            else if (c == close)
            {
                if (comment)
                    output.Add(c);
                return i;
            }
            else if (comment && c == '(')
            {
                i = Enclosed(s, i, output, close);
                continue;
            }
            output.Add(c);
        }
        return i;
    }
}
