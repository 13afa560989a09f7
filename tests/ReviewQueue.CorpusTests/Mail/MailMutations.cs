using System.Text;

namespace ReviewQueue.CorpusTests.Mail;

/// <summary>Broken variants of real mail: truncation, byte flips, duplicated and missing headers, huge lines, deep MIME nesting.</summary>
sealed class MailMutations(int seed)
{
    readonly Random random = new(seed);

    public (string Kind, byte[] Mail) Mutate(byte[] mail)
    {
        int pick = random.Next(100);
        return pick switch
        {
            < 25 => ("truncate", mail[..random.Next(mail.Length + 1)]),
            < 50 => ("flip", Flip(mail)),
            < 62 => ("duplicate-header", DuplicateHeader(mail)),
            < 74 => ("missing-header", RemoveHeader(mail)),
            < 82 => ("broken-encoded-word", BrokenHeader(mail)),
            < 89 => ("crlf-mix", CrlfMix(mail)),
            < 94 => ("nul-and-controls", Controls(mail)),
            < 99 => ("deep-mime", DeepMime(mail, random.Next(20, 300))),
            _ => ("megabyte-line", HugeLine(mail)),
        };
    }

    byte[] Flip(byte[] mail)
    {
        var copy = (byte[])mail.Clone();
        int flips = random.Next(1, 40);
        for (int i = 0; i < flips && copy.Length > 0; i++)
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    static (List<string> Headers, string Body) Split(byte[] mail)
    {
        var text = Encoding.Latin1.GetString(mail);
        int end = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (end < 0)
            end = text.Length;
        var headers = text[..end].Split('\n').ToList();
        return (headers, end < text.Length ? text[end..] : "");
    }

    static byte[] Join(List<string> headers, string body) => Encoding.Latin1.GetBytes(string.Join('\n', headers) + body);

    byte[] DuplicateHeader(byte[] mail)
    {
        var (headers, body) = Split(mail);
        if (headers.Count == 0)
            return mail;
        int at = random.Next(headers.Count);
        int times = random.Next(1, 50);
        for (int i = 0; i < times; i++)
            headers.Insert(at, headers[at]);
        return Join(headers, body);
    }

    byte[] RemoveHeader(byte[] mail)
    {
        var (headers, body) = Split(mail);
        string[] names = ["From:", "Date:", "Message-ID:", "Message-Id:", "Subject:", "Content-Type:", "MIME-Version:", "Content-Transfer-Encoding:"];
        var name = names[random.Next(names.Length)];
        headers.RemoveAll(h => h.StartsWith(name, StringComparison.OrdinalIgnoreCase));
        if (random.Next(4) == 0)
            headers.Clear();
        return Join(headers, body);
    }

    byte[] BrokenHeader(byte[] mail)
    {
        var (headers, body) = Split(mail);
        string[] broken =
        [
            "Subject: =?utf-8?b?broken", "From: =?x-unknown?q?=FF=FE?= <a@b>", "Date: Mon, 99 Foo 12345 99:99:99 +9999",
            "Content-Type: multipart/mixed; boundary=", "Content-Type: text/plain; charset=\"no-such-charset\"",
            "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable", "Message-ID: <<<>>>",
            "References: <a@b> <<c@d> garbage <", "In-Reply-To: ", "From: ", "Subject: [PATCH v99999999999999999999 1/0] x",
        ];
        headers.Insert(random.Next(headers.Count + 1), broken[random.Next(broken.Length)]);
        return Join(headers, body);
    }

    byte[] CrlfMix(byte[] mail)
    {
        var text = Encoding.Latin1.GetString(mail);
        var output = new StringBuilder(text.Length + 100);
        foreach (char c in text)
        {
            if (c == '\n' && random.Next(3) == 0)
                output.Append(random.Next(2) == 0 ? "\r\n" : "\r");
            else
                output.Append(c);
        }
        return Encoding.Latin1.GetBytes(output.ToString());
    }

    byte[] Controls(byte[] mail)
    {
        var copy = mail.ToList();
        int n = random.Next(1, 20);
        for (int i = 0; i < n; i++)
            copy.Insert(random.Next(copy.Count + 1), (byte)random.Next(0, 32));
        return [.. copy];
    }

    static byte[] DeepMime(byte[] mail, int depth)
    {
        var (headers, body) = Split(mail);
        headers.RemoveAll(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase));
        headers.Add("Content-Type: multipart/mixed; boundary=\"b0\"");
        var text = new StringBuilder();
        text.Append("\n\n");
        for (int i = 0; i < depth; i++)
            text.Append($"--b{i}\nContent-Type: multipart/mixed; boundary=\"b{i + 1}\"\n\n");
        text.Append($"--b{depth}\nContent-Type: text/plain\n\n").Append(body.TrimStart('\n'));
        for (int i = depth; i >= 0; i--)
            text.Append($"\n--b{i}--\n");
        return Join(headers, text.ToString());
    }

    byte[] HugeLine(byte[] mail)
    {
        var line = new byte[1 << 20];
        Array.Fill(line, (byte)(random.Next(2) == 0 ? 'x' : '>'));
        int at = random.Next(mail.Length + 1);
        return [.. mail.AsSpan(0, at), .. line, (byte)'\n', .. mail.AsSpan(at)];
    }
}
