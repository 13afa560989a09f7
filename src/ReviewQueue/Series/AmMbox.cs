using System.Globalization;
using System.Text;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Series;

/// <summary>
/// Writes patches as a git-am-ready mbox (b4 am's output): the commit message as git mailinfo
/// reads it, the collected follow-up trailers appended after the ones already there (those whose
/// sender could not be matched are left out, as b4 does, and so are those already there), then
/// one "---" and the diff, each message ending with one blank line as git format-patch's do.
/// </summary>
public static class AmMbox
{
    public static void Append(StringBuilder mbox, PatchMail mail, string subjectPrefix, IEnumerable<TrailerView> trailers)
    {
        var message = mail.CommitMessage.TrimEnd('\n');
        var present = TrailerReader.FromCommitMessage(mail.CommitMessage)
            .Select(t => Key(t.Name, t.Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool hasTrailerBlock = present.Count > 0;
        var added = trailers
            .Where(t => t.AppliesVia != "carried" && t.IdentityOk)
            .Where(t => present.Add(Key(t.Name, t.Value)))
            .Select(t => $"{t.Name}: {t.Value}")
            .ToList();

        var author = mail.Author.Name is { Length: > 0 } n ? $"{n} <{mail.Author.Email}>" : mail.Author.Email ?? "";
        mbox.Append("From git@z Thu Jan  1 00:00:00 1970\n");
        mbox.Append("From: ").Append(author).Append('\n');
        mbox.Append("Subject: ").Append(subjectPrefix).Append(mail.CommitSubject).Append('\n');
        if (mail.Date is { } date)
            mbox.Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture))
                .Append(date.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "")).Append('\n');
        if (mail.MessageId is not null)
            mbox.Append("Message-Id: <").Append(mail.MessageId).Append(">\n");
        mbox.Append("MIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: 8bit\n\n");

        var body = new StringBuilder();
        if (message.Length > 0)
            body.Append(message).Append('\n');
        if (added.Count > 0)
        {
            if (!hasTrailerBlock && message.Length > 0)
                body.Append('\n'); // no trailer block yet: start one
            foreach (var t in added)
                body.Append(t).Append('\n');
        }
        // mailinfo's patch text starts with the "---" line when the mail had one: one is enough.
        // It also ends with the mail's trailing blank lines; the one after the message is ours.
        if (!StartsWithSeparator(mail.Diff))
            body.Append("---\n");
        body.Append(mail.Diff.AsSpan().TrimEnd('\n')).Append('\n');
        foreach (var line in body.ToString().Split('\n').SkipLast(1))
            mbox.Append(Escape(line)).Append('\n');
        mbox.Append('\n');
    }

    /// <summary>Name and value as compared for "already there": the value's runs of blanks count as one space.</summary>
    static string Key(string name, string value) =>
        TrailerReader.Canonical(name) + ": " + string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>git mailinfo's patch break "---" followed by nothing but blanks (not "--- a/file").</summary>
    static bool StartsWithSeparator(string diff)
    {
        int nl = diff.IndexOf('\n');
        var first = nl < 0 ? diff.AsSpan() : diff.AsSpan(0, nl);
        return first.StartsWith("---") && first[3..].IsWhiteSpace();
    }

    // mboxrd: every ">*From " line gets one more '>'.
    static string Escape(string line)
    {
        int i = 0;
        while (i < line.Length && line[i] == '>')
            i++;
        return line.AsSpan(i).StartsWith("From ") ? ">" + line : line;
    }
}
