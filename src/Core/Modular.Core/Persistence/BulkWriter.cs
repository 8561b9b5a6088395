using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Core.Persistence;

/// <summary>
/// Writes many new rows of one mapped entity type without change tracking, on the context's own connection and inside
/// its current transaction when there is one (so a module's outbox rows commit with them). Columns, names and value
/// conversions come from the EF model, so the rows are exactly what SaveChanges would have written. PostgreSQL: binary
/// COPY; SQLite: one prepared INSERT of a few rows reused for every full chunk. With <c>skipConflicts</c> a row that
/// would break a unique index is left out instead (PostgreSQL: a batch whose straight COPY meets a taken key goes again
/// through a session's staging table and <c>ON CONFLICT DO NOTHING</c>), so writers racing on one key write it once.
/// </summary>
public static class BulkWriter
{
    // SQLite binds named parameters by a linear name lookup, so a statement's cost grows with the square of its
    // parameter count: a few rows per statement (about 64 parameters) is the sweet spot.
    private const int SqliteParametersPerStatement = 64;

    private static readonly string[] Names = Enumerable.Range(0, 4096).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Writes <paramref name="rows"/>; answers how many were written (fewer than given only with <paramref name="skipConflicts"/>).</summary>
    public static async Task<int> WriteAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken, bool skipConflicts = false)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // A nullable column without a default that is empty in every row is left out: fewer values to encode and send.
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: new Column(p.GetColumnName(table)!, p.GetGetter(), p.GetRelationalTypeMapping())))
            .Where(c => !c.Property.IsColumnNullable(table) || c.Property.GetDefaultValueSql(table) is not null
                || rows.Any(r => c.Column.ModelValue(r) is not null))
            .Select(c => c.Column)
            .ToArray();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (connection is NpgsqlConnection npgsql)
            {
                return skipConflicts
                    ? await CopySkippingConflictsAsync(npgsql, (NpgsqlTransaction?)transaction, table, columns, rows, cancellationToken)
                    : await CopyAsync(npgsql, Name(table), columns, rows, cancellationToken);
            }

            return await InsertAsync((SqliteConnection)connection, (SqliteTransaction?)transaction, table, columns, rows, skipConflicts, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// Which of <paramref name="keys"/> are already stored in any of the given (entity, key property) columns: one
    /// set-based query per call that uses the unique indexes (PostgreSQL <c>= ANY</c> of an array, SQLite <c>IN</c> over
    /// <c>json_each</c> of one JSON array).
    /// </summary>
    public static async Task<HashSet<string>> ExistingKeysAsync(DbContext db, IReadOnlyList<string> keys, CancellationToken cancellationToken,
        params (Type Entity, string Property)[] columns)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        var connection = db.Database.GetDbConnection();
        var postgres = connection is NpgsqlConnection;
        var sources = columns.Select(c =>
        {
            var entity = db.Model.FindEntityType(c.Entity)!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var name = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
            return (Table: name, Column: Quote(entity.FindProperty(c.Property)!.GetColumnName(table)!));
        }).ToList();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        string list;
        if (postgres)
        {
            command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.ToArray() });
            list = "= ANY(@k)";
        }
        else
        {
            // One JSON array parameter: SQLite looks named parameters up one by one, so thousands of them cost more
            // than the query itself.
            command.Parameters.Add(new SqliteParameter("$k", JsonSerializer.Serialize(keys)));
            list = "IN (SELECT value FROM json_each($k))";
        }

        command.CommandText = string.Join(" UNION ALL ", sources.Select(s => $"SELECT {s.Column} FROM {s.Table} WHERE {s.Column} {list}"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>
    /// Most batches take no key that is already stored (a redelivery or a racing writer is the exception), so the rows are
    /// first copied straight in, behind a savepoint. Only when a key is taken (or two writers deadlock on keys) does the
    /// batch go again through <see cref="CopyStagedAsync{T}"/>, which leaves those rows out.
    /// </summary>
    private static async Task<int> CopySkippingConflictsAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, StoreObjectIdentifier table,
        Column[] columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        const string Savepoint = "bulk_writer";
        if (transaction is not null)
        {
            await transaction.SaveAsync(Savepoint, cancellationToken);
        }

        try
        {
            var written = await CopyAsync(connection, Name(table), columns, rows, cancellationToken);
            if (transaction is not null)
            {
                await transaction.ReleaseAsync(Savepoint, cancellationToken);
            }

            return written;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
        {
            // Without a transaction the failed COPY wrote nothing; with one, the savepoint takes it back.
            if (transaction is not null)
            {
                await transaction.RollbackAsync(Savepoint, cancellationToken);
            }
        }

        return await CopyStagedAsync(connection, transaction, table, columns, rows, cancellationToken);
    }

    /// <summary>
    /// COPY into a temporary table shaped like the target (the session's, made once per connection), then one insert from
    /// it that leaves out rows whose keys are taken; the staging table is emptied for the next call.
    /// </summary>
    private static async Task<int> CopyStagedAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, StoreObjectIdentifier table,
        Column[] columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var stage = Quote("bulk_stage_" + (table.Schema is null ? table.Name : table.Schema + "_" + table.Name));
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE IF NOT EXISTS {stage} AS SELECT * FROM {Name(table)} WITH NO DATA", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(connection, stage, columns, rows, cancellationToken);
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {Name(table)} ({list}) SELECT {list} FROM {stage} ON CONFLICT DO NOTHING; TRUNCATE {stage}", connection, transaction);
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Name(StoreObjectIdentifier table) => table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

    private static async Task<int> CopyAsync<T>(NpgsqlConnection connection, string name, Column[] columns, IReadOnlyList<T> rows,
        CancellationToken cancellationToken)
        where T : class
    {
        var sql = $"COPY {name} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        // Synchronous writes only fill Npgsql's buffer (it flushes, blocking briefly, when full): an await per value cost
        // more than the values themselves.
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            importer.StartRow();
            foreach (var column in columns)
            {
                var value = column.ProviderValue(row);
                switch (value)
                {
                    case null:
                        importer.WriteNull();
                        break;
                    case Guid v:
                        importer.Write(v, NpgsqlDbType.Uuid);
                        break;
                    case string v:
                        importer.Write(v, NpgsqlDbType.Text);
                        break;
                    case decimal v:
                        importer.Write(v, NpgsqlDbType.Numeric);
                        break;
                    case int v:
                        importer.Write(v, NpgsqlDbType.Integer);
                        break;
                    case long v:
                        importer.Write(v, NpgsqlDbType.Bigint);
                        break;
                    case bool v:
                        importer.Write(v, NpgsqlDbType.Boolean);
                        break;
                    case DateTime v:
                        importer.Write(v, NpgsqlDbType.TimestampTz);
                        break;
                    case DateOnly v:
                        importer.Write(v, NpgsqlDbType.Date);
                        break;
                    default:
                        throw new NotSupportedException($"Column {column.Name}: {value.GetType().Name} is not written in bulk.");
                }
            }
        }

        return (int)await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<int> InsertAsync<T>(SqliteConnection connection, SqliteTransaction? transaction, StoreObjectIdentifier table,
        Column[] columns, IReadOnlyList<T> rows, bool skipConflicts, CancellationToken cancellationToken)
        where T : class
    {
        var head = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ";
        var tail = skipConflicts ? " ON CONFLICT DO NOTHING" : string.Empty;
        var perStatement = Math.Max(1, SqliteParametersPerStatement / columns.Length);
        var written = 0;
        await using var full = Command(connection, transaction, head, tail, columns, perStatement);
        var index = 0;
        for (; index + perStatement <= rows.Count; index += perStatement)
        {
            Bind(full, columns, rows, index, perStatement);
            written += await full.ExecuteNonQueryAsync(cancellationToken);
        }

        if (index < rows.Count)
        {
            await using var rest = Command(connection, transaction, head, tail, columns, rows.Count - index);
            Bind(rest, columns, rows, index, rows.Count - index);
            written += await rest.ExecuteNonQueryAsync(cancellationToken);
        }

        return written;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string head, string tail, Column[] columns,
        int rowCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = Enumerable.Range(0, rowCount)
            .Select(r => "(" + string.Join(", ", columns.Select((_, c) => ParameterName(r * columns.Length + c))) + ")");
        command.CommandText = head + string.Join(", ", values) + tail;
        return command;
    }

    private static void Bind<T>(SqliteCommand command, Column[] columns, IReadOnlyList<T> rows, int start, int count)
        where T : class
    {
        // The first binding creates the parameters from the EF type mappings, so values are stored as SaveChanges stores
        // them (Guid, decimal and DateTime as SQLite text in EF's formats); later rows only replace the values.
        var parameters = command.Parameters;
        var reuse = parameters.Count == count * columns.Length;
        for (var r = 0; r < count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var index = r * columns.Length + c;
                if (reuse)
                {
                    parameters[index].Value = columns[c].ProviderValue(rows[start + r]) ?? DBNull.Value;
                }
                else
                {
                    parameters.Add(columns[c].Mapping.CreateParameter(command, ParameterName(index), columns[c].ModelValue(rows[start + r])));
                }
            }
        }
    }

    private static string ParameterName(int index) => index < Names.Length ? Names[index] : "$p" + index.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping)
    {
        public object? ModelValue(object row) => Getter.GetClrValueUsingContainingEntity(row);

        public object? ProviderValue(object row)
        {
            var value = ModelValue(row);
            return value is null || Mapping.Converter is null ? value : Mapping.Converter.ConvertToProvider(value);
        }
    }
}
