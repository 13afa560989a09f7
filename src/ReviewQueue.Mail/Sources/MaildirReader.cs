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
        foreach (var file in Files(path))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (FileNotFoundException)
            {
                continue; // moved by the MUA between listing and reading: it is in cur/ now, or gone
            }
            yield return new RawMail(bytes, file, new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero));
        }
    }

    // Maildir names start with the delivery time in seconds ("1700000000.M1P2.host").
    static long DeliveryTime(string file)
    {
        var name = Path.GetFileName(file);
        int dot = name.IndexOf('.');
        return dot > 0 && long.TryParse(name[..dot], out var t) ? t : long.MaxValue;
    }
}
