using System.Data.Common;

namespace ReviewQueue.Storage;

/// <summary>Columns read by hand where Dapper's mapping does not fit (a record it cannot map, a NULL of no declared type).</summary>
static class ReaderColumns
{
    /// <summary>A TEXT column that may be NULL.</summary>
    public static string? TextOrNull(this DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
