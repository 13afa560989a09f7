using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Mail.Sources;

/// <summary>A maildir: every file in cur/ and new/ is one message (tmp/ is still being written).</summary>
public static class MaildirReader
{
    public static bool IsMaildir(string path) =>
        Directory.Exists(Path.Combine(path, "cur")) || Directory.Exists(Path.Combine(path, "new"));

    public static IEnumerable<string> Files(string path) =>
        new[] { "cur", "new" }
            .Select(sub => Path.Combine(path, sub))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir))
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .OrderBy(f => DeliveryTime(f))
            .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal);

    public static IEnumerable<RawMail> Read(string path)
    {
        foreach (var listed in Files(path))
        {
            var file = listed;
            RawMail? mail = null;
            // Moved by the mail reader between listing and reading (new/ to cur/, or new flags): the same unique
            // name, before ":2,", is there under its new name; a message deleted meanwhile is gone.
            for (int attempt = 0; mail is null && attempt < 3; attempt++)
            {
                try
                {
                    // A file larger than a mail may be is kept as its start and size (RawMail.TooLarge), not read whole.
                    using var stream = File.OpenRead(file);
                    mail = RawMail.Read(stream, file, new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero));
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    if (Moved(path, listed) is not { } now)
                        break;
                    file = now;
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    // One message this user may not read (delivered by another user, a mode of 600) is kept as rejected,
                    // saying why, and the maildir read on: imported again once it can be read, it is stored.
                    mail = new RawMail([], file, null, new MailProblem(MailProblem.Unreadable, e.Message));
                }
            }
            if (mail is not null)
                yield return mail;
        }
    }

    /// <summary>Where a message listed as <paramref name="file"/> is now: cur/ or new/, any flags.</summary>
    static string? Moved(string path, string file)
    {
        var name = Path.GetFileName(file);
        int info = name.IndexOf(':');
        var unique = info < 0 ? name : name[..info];
        return new[] { "cur", "new" }
            .Select(sub => Path.Combine(path, sub))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, unique + "*"))
            .FirstOrDefault(f => Path.GetFileName(f) is var n && (n == unique || n.StartsWith(unique + ":", StringComparison.Ordinal)));
    }

    // Maildir names start with the delivery time in seconds ("1700000000.M1P2.host").
    static long DeliveryTime(string file)
    {
        var name = Path.GetFileName(file);
        int dot = name.IndexOf('.');
        return dot > 0 && long.TryParse(name[..dot], out var t) ? t : long.MaxValue;
    }
}
