namespace ReviewQueue.Storage;

/// <summary>
/// A readable message ready to store. <see cref="Kind"/> and <see cref="Parsed"/> come from the mail reader.
/// <see cref="Packed"/> is <see cref="Raw"/> already compressed (the import does it on its parse threads); null: the store packs it.
/// </summary>
public sealed record NewMessage(
    string MessageId,
    bool Synthetic,
    string? ListId,
    string? Subject,
    string? FromName,
    string? FromEmail,
    DateTimeOffset? Date,
    DateTimeOffset Arrived,
    string Source,
    byte[] Raw,
    string? Kind = null,
    string? Parsed = null,
    byte[]? Packed = null);

/// <summary>A mail that could not be read, kept with its reasons (JSON array of {code, detail}).</summary>
public sealed record NewRejected(string Sha256, string Source, DateTimeOffset Arrived, string Reasons, byte[] Raw);

/// <summary>What one stored batch came to.</summary>
public sealed record BatchOutcome(int Stored, int Duplicates, int Rejected, int RejectedAlreadyKept);

public sealed record StoredMessage(long Id, string MessageId, bool Synthetic, string? ListId, string? Subject,
    string? FromName, string? FromEmail, string? Date, string Arrived, string Source, long RawSize, string? Kind);

public sealed record RejectedMessage(long Id, string Sha256, string Source, string Arrived, string Reasons, long RawSize);
