using ReviewQueue.Core.Ingest;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Mail;

/// <summary>The corpus mails as raw bytes: mbox files split, single files whole.</summary>
static class CorpusMail
{
    public static IEnumerable<RawMail> FromPath(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                foreach (var mail in FromPath(file))
                    yield return mail;
            yield break;
        }
        if (Path.GetFileName(path) is "COPYING" or "README.md" || path.EndsWith(".template", StringComparison.Ordinal))
            yield break;
        using var stream = File.OpenRead(path);
        foreach (var mail in new MboxReader(stream, path).Read())
            yield return mail;
    }

    public static IEnumerable<RawMail> Read(params string[] relative) => FromPath(Corpus.Require(relative));
}
