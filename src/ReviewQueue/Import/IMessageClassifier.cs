using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Import;

/// <summary>The seam where the mail reader tells what a message is (kind) and what it holds (JSON).</summary>
public interface IMessageClassifier
{
    /// <param name="raw">The bytes the envelope was parsed from: git's rules for the diff run on exactly these.</param>
    (string? Kind, string? Parsed) Classify(MailEnvelope envelope, byte[] raw, DateTimeOffset? arrived);
}
