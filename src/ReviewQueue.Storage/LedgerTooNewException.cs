using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>
/// The ledger carries migrations this program does not know: a newer ReviewQueue migrated it. Writing it with the old
/// code would leave rows the newer one takes as read by its own rules (a tree's patch keys, a merge's commit time), so
/// it is not opened at all. A <see cref="SqliteException"/> (SQLITE_CANTOPEN), so every command that says in one line
/// that it cannot open the ledger (exit 75) says this too.
/// </summary>
public sealed class LedgerTooNewException(IReadOnlyList<string> unknown, int newestKnown)
    : SqliteException(Describe(unknown, newestKnown), errorCode: 14)
{
    public IReadOnlyList<string> Unknown { get; } = unknown;

    static string Describe(IReadOnlyList<string> unknown, int newestKnown) =>
        $"a newer ReviewQueue migrated it (schema {string.Join(", ", unknown)}; this one knows up to {newestKnown:0000}): " +
        "it is left as it is; run that ReviewQueue or a newer one";
}
