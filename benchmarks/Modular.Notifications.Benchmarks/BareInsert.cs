using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Notifications.Benchmarks;

/// <summary>The floor: the same rows into the same table, binary COPY straight into it on PostgreSQL, a prepared multi-row INSERT on SQLite; no conflict clause.</summary>
internal static class BareInsert
{
    private static readonly string[] Columns =
    [
        "Id", "UserId", "CustomerId", "ContractId", "Type", "SubjectKey", "Channel", "Address", "Culture", "Template", "Model", "Status",
        "CreatedAt", "NotBefore", "Attempts",
    ];

    public static async Task WriteAsync(NotificationsDbContext db, IReadOnlyList<NotificationMessage> rows)
    {
        var type = db.Model.FindEntityType(typeof(NotificationMessage))!;
        var table = type.GetSchema() is { } schema ? $"\"{schema}\".\"{type.GetTableName()}\"" : $"\"{type.GetTableName()}\"";
        var list = string.Join(", ", Columns.Select(c => $"\"{c}\""));
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync($"COPY {table} ({list}) FROM STDIN (FORMAT BINARY)");
            foreach (var m in rows)
            {
                importer.StartRow();
                importer.Write(m.Id, NpgsqlDbType.Uuid);
                importer.Write(m.UserId, NpgsqlDbType.Uuid);
                importer.Write(m.CustomerId, NpgsqlDbType.Uuid);
                importer.Write(m.ContractId!.Value, NpgsqlDbType.Uuid);
                importer.Write(m.Type, NpgsqlDbType.Varchar);
                importer.Write(m.SubjectKey, NpgsqlDbType.Varchar);
                importer.Write(m.Channel.ToString(), NpgsqlDbType.Varchar);
                importer.Write(m.Address, NpgsqlDbType.Varchar);
                importer.Write(m.Culture, NpgsqlDbType.Varchar);
                importer.Write(m.Template, NpgsqlDbType.Varchar);
                importer.Write(m.Model, NpgsqlDbType.Varchar);
                importer.Write(m.Status.ToString(), NpgsqlDbType.Varchar);
                importer.Write(m.CreatedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                importer.Write(m.NotBefore.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                importer.Write(m.Attempts, NpgsqlDbType.Integer);
            }

            await importer.CompleteAsync();
            return;
        }

        const int PerStatement = 4; // 60 parameters: SQLite's name lookup is linear, more per statement costs more
        var transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var full = Insert((SqliteConnection)connection, transaction, table, list, PerStatement);
        full.Prepare();
        var start = 0;
        for (; start + PerStatement <= rows.Count; start += PerStatement)
        {
            Bind(full, rows, start, PerStatement);
            full.ExecuteNonQuery();
        }

        if (start < rows.Count)
        {
            await using var rest = Insert((SqliteConnection)connection, transaction, table, list, rows.Count - start);
            Bind(rest, rows, start, rows.Count - start);
            rest.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction? transaction, string table, string list, int count)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({list}) VALUES " +
            string.Join(", ", Enumerable.Range(0, count).Select(r => "(" + string.Join(", ", Columns.Select((_, c) => $"$p{r}_{c}")) + ")"));
        for (var r = 0; r < count; r++)
        {
            for (var c = 0; c < Columns.Length; c++)
            {
                command.Parameters.Add(new SqliteParameter($"$p{r}_{c}", null));
            }
        }

        return command;
    }

    private static void Bind(SqliteCommand command, IReadOnlyList<NotificationMessage> rows, int start, int count)
    {
        for (var r = 0; r < count; r++)
        {
            var m = rows[start + r];
            object?[] values =
            [
                m.Id.ToString().ToUpperInvariant(), m.UserId.ToString().ToUpperInvariant(), m.CustomerId.ToString().ToUpperInvariant(),
                m.ContractId!.Value.ToString().ToUpperInvariant(), m.Type, m.SubjectKey, m.Channel.ToString(), m.Address, m.Culture, m.Template, m.Model,
                m.Status.ToString(), Time(m.CreatedAt), Time(m.NotBefore), m.Attempts,
            ];
            for (var c = 0; c < values.Length; c++)
            {
                command.Parameters[(r * Columns.Length) + c].Value = values[c];
            }
        }
    }

    private static string Time(NodaTime.Instant instant) =>
        instant.ToDateTimeUtc().ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
}

/// <summary>Peak managed heap and working set while a phase runs (sampled).</summary>
internal sealed class MemoryMeter : IDisposable
{
    private long _peakManaged;
    private long _peakWorkingSet;

    public MemoryMeter()
    {
        GC.Collect();
        Sample();
    }

    public long PeakManagedMb => _peakManaged / 1_048_576;

    public long PeakWorkingSetMb => _peakWorkingSet / 1_048_576;

    public void Sample()
    {
        InterlockedMax(ref _peakManaged, GC.GetTotalMemory(false));
        InterlockedMax(ref _peakWorkingSet, Environment.WorkingSet);
    }

    public IDisposable SampleEvery(TimeSpan interval) => new Timer(_ => Sample(), null, TimeSpan.Zero, interval);

    public void Dispose() => Sample();

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
