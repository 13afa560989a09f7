using System.Globalization;
using ReviewQueue.Storage;

namespace ReviewQueue.TestSupport;

/// <summary>
/// Every row of the tables a topics rebuild writes, as text, sorted: two ledgers built from the same mail compare
/// equal whichever way their rebuilds ran. Left out: row ids of appended events and when a row was recorded.
/// </summary>
public static class LedgerDump
{
    public static readonly string[] RebuildTables =
        ["topics", "topic_messages", "events", "message_subsystems", "debt_subsystems", "debt_waiting", "debt_people", "debt_history"];

    public static async Task<Dictionary<string, List<string>>> RebuildTablesAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var dump = new Dictionary<string, List<string>>();
        foreach (var table in RebuildTables)
        {
            await using var query = c.CreateCommand();
            query.CommandText = $"SELECT * FROM {table}";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            var rows = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var cells = new List<string>();
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    var name = reader.GetName(i);
                    if (name == "recorded" || (table == "events" && name == "id"))
                        continue;
                    cells.Add(name + "=" + Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                }
                rows.Add(string.Join(" | ", cells));
            }
            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }
        return dump;
    }
}
