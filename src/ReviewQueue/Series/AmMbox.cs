using System.Globalization;
using System.Text;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// Writes patches as a git-am-ready mbox (b4 am's output): the commit message as git mailinfo
/// reads it, the collected follow-up trailers appended after the ones already there (those whose
/// sender could not be matched are left out, as b4 does, and so are those already there), then
/// one "---" and the diff, each message ending with one blank line as git format-patch's do.
/// Where b4 lays the same text out differently and git am takes either the same way, it is laid
/// out as b4 does, so the two can be compared with diff: the author date (an in-body Date: wins) in
/// RFC 5322's form with a two-digit day, a blank line between a message without trailers and the "---", no
/// blank line between the last hunk and the "-- " signature.
/// </summary>
public static class AmMbox
{
    /// <summary>
    /// Every patch of <paramref name="revision"/> in order, read again from the stored mail, or the Message-ID of
    /// the first patch whose mail has no readable diff (then no mbox: git am would stop there anyway).
    /// </summary>
    /// <param name="linkTo">Add a Link: to each patch's mail in this archive after the trailers, as b4 am -l does (null: none).</param>
    public static async Task<AmRevision> OfRevisionAsync(RevisionView revision, MessageStore messages, CancellationToken cancellationToken,
        ListArchive? linkTo = null)
    {
        var mbox = new StringBuilder();
        foreach (var patch in revision.Patches)
        {
            var raw = await messages.RawAsync(patch.MessageId, cancellationToken);
            var mail = raw is null ? null : StoredMail.Read(raw);
            if (mail is null || mail.Diff.Length == 0)
                return new AmRevision("", patch.MessageId);
            var version = revision.VersionInferred ? "" : $" {revision.VersionLabel}";
            var counter = revision.Total > 1 || patch.Total > 1 ? $" {patch.Index}/{revision.Total}" : "";
            Append(mbox, mail, $"[PATCH{(revision.Rfc ? " RFC" : "")}{version}{counter}] ", patch.Trailers, linkTo);
        }
        return new AmRevision(mbox.ToString(), null);
    }

    /// <param name="linkTo">
    /// Where am --add-link points (Archive:Url; by default lore's /r/, b4 0.12's default link mask, so the line is b4's):
    /// a Link: to it is what trees sync places a rewritten patch by. Null: no link.
    /// </param>
    public static void Append(StringBuilder mbox, PatchMail mail, string subjectPrefix, IEnumerable<TrailerView> trailers,
        ListArchive? linkTo = null)
    {
        var message = mail.CommitMessage.TrimEnd('\n');
        var present = TrailerReader.FromCommitMessage(mail.CommitMessage)
            .Select(t => Key(t.Name, t.Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        // A last line that reads "Name: value" ends a trailer block for b4 (and for git's interpret-trailers) even
        // where the paragraph also holds lines we do not count as trailers.
        bool hasTrailerBlock = present.Count > 0 || TrailerReader.Parse(message[(message.LastIndexOf('\n') + 1)..]) is not null;
        var added = trailers
            .Where(t => t.AppliesVia != "carried" && t.IdentityOk)
            .Where(t => present.Add(Key(t.Name, t.Value)))
            .Select(t => $"{t.Name}: {t.Value}")
            .ToList();
        if (mail.MessageId is not null && linkTo?.Trailer(mail.MessageId) is { } link && present.Add(Key("Link", link)))
            added.Add($"Link: {link}");

        var author = mail.Author.Name is { Length: > 0 } n ? $"{DisplayName(n)} <{mail.Author.Email}>" : mail.Author.Email ?? "";
        mbox.Append("From git@z Thu Jan  1 00:00:00 1970\n");
        mbox.Append("From: ").Append(author).Append('\n');
        mbox.Append("Subject: ").Append(subjectPrefix).Append(mail.CommitSubject).Append('\n');
        if (mail.AuthorDate is { } date)
            mbox.Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture))
                .Append(date.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "")).Append('\n');
        if (mail.MessageId is not null)
            mbox.Append("Message-Id: <").Append(mail.MessageId).Append(">\n");
        mbox.Append("MIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: 8bit\n\n");

        var body = new StringBuilder();
        if (message.Length > 0)
            body.Append(message).Append('\n');
        // No trailer block yet: a blank line starts one, or (none added) stands before the "---", as in b4's.
        if (!hasTrailerBlock && message.Length > 0)
            body.Append('\n');
        foreach (var t in added)
            body.Append(t).Append('\n');
        // mailinfo's patch text starts with the "---" line when the mail had one: one is enough.
        // It also ends with the mail's trailing blank lines; the one after the message is ours.
        if (!StartsWithSeparator(mail.Diff))
            body.Append("---\n");
        body.Append(SignatureAfterDiff(mail.Diff.TrimEnd('\n'))).Append('\n');
        foreach (var line in body.ToString().Split('\n').SkipLast(1))
            mbox.Append(Escape(line)).Append('\n');
        mbox.Append('\n');
    }

    /// <summary>
    /// A name as git format-patch writes it in From: quoted, with '"' and '\' escaped, when it holds one of RFC 5322's
    /// specials ("Last, First" would read as two addresses unquoted); git mailinfo takes the quotes off again.
    /// </summary>
    static string DisplayName(string name)
    {
        if (name.AsSpan().IndexOfAny("()<>[]:;@,.\"\\") < 0)
            return name;
        return "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    /// <summary>Name and value as compared for "already there": the value's runs of blanks count as one space.</summary>
    static string Key(string name, string value) =>
        TrailerReader.Canonical(name) + ": " + string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The patch text with the blank lines between the diff and its "-- " signature left out, as b4 writes it; kept
    /// when a hunk still counts them (a blank line whose context space a mail client stripped).
    /// </summary>
    static string SignatureAfterDiff(string patch)
    {
        int signature = patch.LastIndexOf("\n-- \n", StringComparison.Ordinal);
        int end = signature;
        while (end > 0 && patch[end - 1] == '\n')
            end--;
        if (signature < 0 || end == signature)
            return patch;
        DiffReader.Read(patch[..(end + 1)], out bool truncated);
        return truncated ? patch : string.Concat(patch.AsSpan(0, end), patch.AsSpan(signature));
    }

    /// <summary>git mailinfo's patch break "---" followed by nothing but blanks (not "--- a/file").</summary>
    static bool StartsWithSeparator(string diff)
    {
        int nl = diff.IndexOf('\n');
        var first = nl < 0 ? diff.AsSpan() : diff.AsSpan(0, nl);
        return first.StartsWith("---") && first[3..].IsWhiteSpace();
    }

    /// <summary>
    /// A line git mailsplit would take for the start of the next message gets a '>' (git am keeps it in the commit,
    /// which beats a patch cut in two); every other line is written as it is, as git format-patch and b4 do, since
    /// git am reads its mbox as plain mbox and would keep the '>' of an mboxrd escape in the commit.
    /// </summary>
    static string Escape(string line) =>
        line.StartsWith("From ", StringComparison.Ordinal) && MboxReader.IsFromLine(Encoding.UTF8.GetBytes(line + "\n")) ? ">" + line : line; // as git reads it, with its newline
}
