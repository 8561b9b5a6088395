using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Notifications.Dispatch;

/// <summary>
/// Writes queued messages without change tracking, on the context's connection and inside its current transaction, and
/// leaves out every row whose (user, type, subject, channel) is already taken – by an earlier run or by a twin writing at
/// the same moment: the unique index decides (<c>ON CONFLICT DO NOTHING</c>; the second writer waits for the first's
/// commit and then skips the row). PostgreSQL copies large batches into a temporary table first (binary COPY) and inserts
/// from it; SQLite and small batches use one prepared multi-row INSERT reused for every full chunk. Answers the rows written.
/// </summary>
internal static class MessageWriter
{
    // SQLite binds parameters by a linear name lookup: about 64 parameters (four rows of sixteen columns) per statement is
    // the sweet spot; PostgreSQL takes more rows per round trip.
    private const int SqliteRowsPerStatement = 4;

    private const int PostgresRowsPerStatement = 32;

    private const int CopyFrom = 256;

    private static readonly string[] Columns =
    [
        "Id", "UserId", "CustomerId", "ContractId", "Type", "SubjectKey", "Channel", "Address", "Culture", "Template", "Model",
        "Attachment", "Status", "CreatedAt", "NotBefore", "Attempts",
    ];

    public static async Task<int> WriteAsync(NotificationsDbContext db, IReadOnlyList<NotificationMessage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (connection is NpgsqlConnection npgsql && rows.Count >= CopyFrom)
            {
                return await CopyAsync(db, npgsql, (NpgsqlTransaction?)transaction, rows, cancellationToken);
            }

            var table = Table(db);
            var written = 0;
            var sqlite = db.IsSqlite;
            var full = Math.Min(sqlite ? SqliteRowsPerStatement : PostgresRowsPerStatement, rows.Count);
            await using var command = Insert(connection, transaction, table, full, sqlite);
            var index = 0;
            for (; index + full <= rows.Count; index += full)
            {
                Bind(command, rows, index, full, sqlite);
                written += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (index < rows.Count)
            {
                await using var rest = Insert(connection, transaction, table, rows.Count - index, sqlite);
                Bind(rest, rows, index, rows.Count - index, sqlite);
                written += await rest.ExecuteNonQueryAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The quoted table of <see cref="NotificationMessage"/>.</summary>
    public static string Table(NotificationsDbContext db)
    {
        var type = db.Model.FindEntityType(typeof(NotificationMessage))!;
        return type.GetSchema() is { } schema ? $"\"{schema}\".\"{type.GetTableName()}\"" : $"\"{type.GetTableName()}\"";
    }

    private static async Task<int> CopyAsync(NotificationsDbContext db, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyList<NotificationMessage> rows, CancellationToken cancellationToken)
    {
        var table = Table(db);
        var list = string.Join(", ", Columns.Select(c => $"\"{c}\""));
        await using (var create = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS notification_stage AS SELECT {list} FROM {table} WITH NO DATA", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync($"COPY notification_stage ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var m in rows)
            {
                importer.StartRow();
                importer.Write(m.Id, NpgsqlDbType.Uuid);
                importer.Write(m.UserId, NpgsqlDbType.Uuid);
                importer.Write(m.CustomerId, NpgsqlDbType.Uuid);
                if (m.ContractId is { } contract)
                {
                    importer.Write(contract, NpgsqlDbType.Uuid);
                }
                else
                {
                    importer.WriteNull();
                }

                importer.Write(m.Type, NpgsqlDbType.Varchar);
                importer.Write(m.SubjectKey, NpgsqlDbType.Varchar);
                importer.Write(m.Channel.ToString(), NpgsqlDbType.Varchar);
                importer.Write(m.Address, NpgsqlDbType.Varchar);
                importer.Write(m.Culture, NpgsqlDbType.Varchar);
                importer.Write(m.Template, NpgsqlDbType.Varchar);
                importer.Write(m.Model, NpgsqlDbType.Varchar);
                if (m.Attachment is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(m.Attachment, NpgsqlDbType.Varchar);
                }

                importer.Write(m.Status.ToString(), NpgsqlDbType.Varchar);
                importer.Write(m.CreatedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                importer.Write(m.NotBefore.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                importer.Write(m.Attempts, NpgsqlDbType.Integer);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {table} ({list}) SELECT {list} FROM notification_stage ON CONFLICT DO NOTHING; TRUNCATE notification_stage",
            connection, transaction);
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Insert(DbConnection connection, DbTransaction? transaction, string table, int rows, bool sqlite)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var p = sqlite ? "$" : "@";
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES " +
            string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Columns.Select((_, c) => $"{p}p{r}_{c}")) + ")")) +
            " ON CONFLICT DO NOTHING";
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < Columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"{p}p{r}_{c}";
                command.Parameters.Add(parameter);
            }
        }

        return command;
    }

    private static void Bind(DbCommand command, IReadOnlyList<NotificationMessage> rows, int start, int count, bool sqlite)
    {
        for (var r = 0; r < count; r++)
        {
            var m = rows[start + r];
            var values = new object?[]
            {
                Id(m.Id, sqlite), Id(m.UserId, sqlite), Id(m.CustomerId, sqlite), m.ContractId is { } k ? Id(k, sqlite) : null,
                m.Type, m.SubjectKey, m.Channel.ToString(), m.Address, m.Culture, m.Template, m.Model, m.Attachment, m.Status.ToString(),
                Time(m.CreatedAt, sqlite), Time(m.NotBefore, sqlite), m.Attempts,
            };
            for (var c = 0; c < values.Length; c++)
            {
                command.Parameters[(r * Columns.Length) + c].Value = values[c] ?? DBNull.Value;
            }
        }
    }

    /// <summary>EF stores a Guid on SQLite as upper-case text.</summary>
    private static object Id(Guid id, bool sqlite) => sqlite ? id.ToString().ToUpperInvariant() : id;

    /// <summary>EF's SQLite text form of a UTC instant (sortable as text); a UTC DateTime on PostgreSQL.</summary>
    internal static object Time(NodaTime.Instant instant, bool sqlite) => sqlite
        ? instant.ToDateTimeUtc().ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)
        : instant.ToDateTimeUtc();
}
