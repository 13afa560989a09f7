using MimeKit;

namespace ReviewQueue.Trees;

/// <summary>What tree work needs from a posted patch: its diff (as git mailinfo would cut it), author and title.</summary>
public sealed record PostedPatch(string Diff, string? Email, string Title, DateTimeOffset? Date, string? BaseCommit)
{
    /// <summary>
    /// A minimal reading of a raw patch mail, standing in until the mail reader (Core/Mail
    /// PatchMail) is merged: the body's text or patch attachment from the first diff line on,
    /// the in-body From: over the header's, the subject without its [..] prefixes. Null for a
    /// reply or a mail without a diff. Swap this one function for PatchMail's diff later.
    /// </summary>
    public static PostedPatch? FromRaw(byte[] raw)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw);
            message = MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            return null;
        }
        var subject = message.Subject ?? "";
        if (IsReply(subject))
            return null;
        var text = BodyWithDiff(message);
        if (text is null)
            return null;
        text = text.Replace("\r\n", "\n");
        int start = DiffStart(text);
        if (start < 0)
            return null;
        var email = message.From.Mailboxes.FirstOrDefault()?.Address;
        // git am takes the author from an in-body "From:" at the top of the message.
        var firstLine = text.TrimStart('\n').Split('\n', 2)[0];
        if (firstLine.StartsWith("From:", StringComparison.OrdinalIgnoreCase)
            && InternetAddressList.TryParse(firstLine[5..].Trim(), out var inBody)
            && inBody.Mailboxes.FirstOrDefault() is { } author)
            email = author.Address;
        DateTimeOffset? date = message.Headers.Contains(HeaderId.Date) ? message.Date : null;
        var baseCommit = System.Text.RegularExpressions.Regex.Match(text, @"^base-commit: ([0-9a-f]{7,40})\s*$",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        return new PostedPatch(text[start..], email?.Trim().ToLowerInvariant(), subject, date,
            baseCommit.Success ? baseCommit.Groups[1].Value : null);
    }

    static bool IsReply(string subject)
    {
        var s = subject.TrimStart();
        int colon = s.IndexOf(':');
        return colon is > 0 and <= 4 && !s[..colon].Contains('[') && s[..colon].All(char.IsLetter);
    }

    static string? BodyWithDiff(MimeMessage message)
    {
        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            if (part.IsHtml)
                continue;
            var text = part.Text;
            if (DiffStart(text.Replace("\r\n", "\n")) >= 0)
                return text;
        }
        return null;
    }

    static int DiffStart(string text)
    {
        int at = 0;
        while (at < text.Length)
        {
            int nl = text.IndexOf('\n', at);
            int end = nl < 0 ? text.Length : nl + 1;
            var line = text.AsSpan(at, end - at);
            if (line.StartsWith("diff --git ") || line.StartsWith("Index: "))
                return at;
            if (line.StartsWith("--- ") && end < text.Length && text.AsSpan(end).StartsWith("+++ "))
                return at;
            at = end;
        }
        return -1;
    }
}
