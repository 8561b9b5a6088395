using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Core.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Core.Outbox;

/// <summary>
/// Writes many outbox rows without change tracking, on the context's connection and inside its current transaction:
/// binary COPY on PostgreSQL, a prepared multi-row INSERT reused for every full chunk on SQLite.
/// </summary>
internal static class OutboxBulkWriter
{
    // SQLite binds parameters by a linear name lookup: a few rows per statement (about 64 parameters) is the sweet spot.
    private const int SqliteRowsPerStatement = 16;

    public static async Task WriteAsync(ModuleDbContext db, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var table = OutboxSql.Quote(db, typeof(OutboxMessage));
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            if (connection is NpgsqlConnection npgsql)
            {
                await using var importer = await npgsql.BeginBinaryImportAsync(
                    $"COPY {table} (\"Id\", \"Type\", \"Payload\", \"OccurredAt\") FROM STDIN (FORMAT BINARY)", cancellationToken);
                foreach (var message in messages)
                {
                    // Synchronous writes only fill Npgsql's buffer; it flushes when full.
                    importer.StartRow();
                    importer.Write(message.Id, NpgsqlDbType.Uuid);
                    importer.Write(message.Type, NpgsqlDbType.Text);
                    importer.Write(message.Payload, NpgsqlDbType.Text);
                    importer.Write(message.OccurredAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                }

                await importer.CompleteAsync(cancellationToken);
                return;
            }

            var transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            var rows = messages as IReadOnlyList<OutboxMessage> ?? messages.ToList();
            await using var full = Insert((SqliteConnection)connection, transaction, table, Math.Min(SqliteRowsPerStatement, rows.Count));
            var index = 0;
            for (; index + SqliteRowsPerStatement <= rows.Count; index += SqliteRowsPerStatement)
            {
                Bind(full, rows, index, SqliteRowsPerStatement);
                full.ExecuteNonQuery(); // Microsoft.Data.Sqlite is synchronous underneath; the async wrapper only adds cost
            }

            if (index < rows.Count)
            {
                await using var rest = Insert((SqliteConnection)connection, transaction, table, rows.Count - index);
                Bind(rest, rows, index, rows.Count - index);
                rest.ExecuteNonQuery();
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction? transaction, string table, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} (\"Id\", \"Type\", \"Payload\", \"OccurredAt\") VALUES " +
            string.Join(", ", Enumerable.Range(0, rows).Select(r => $"($i{r}, $t{r}, $p{r}, $o{r})"));
        for (var r = 0; r < rows; r++)
        {
            command.Parameters.Add(new SqliteParameter("$i" + r, SqliteType.Text));
            command.Parameters.Add(new SqliteParameter("$t" + r, SqliteType.Text));
            command.Parameters.Add(new SqliteParameter("$p" + r, SqliteType.Text));
            command.Parameters.Add(new SqliteParameter("$o" + r, SqliteType.Text));
        }

        return command;
    }

    private static void Bind(SqliteCommand command, IReadOnlyList<OutboxMessage> rows, int start, int count)
    {
        for (var r = 0; r < count; r++)
        {
            var message = rows[start + r];
            command.Parameters[(r * 4) + 0].Value = OutboxSql.SqliteGuid(message.Id);
            command.Parameters[(r * 4) + 1].Value = message.Type;
            command.Parameters[(r * 4) + 2].Value = message.Payload;
            command.Parameters[(r * 4) + 3].Value = OutboxSql.SqliteInstant(message.OccurredAt);
        }
    }
}
