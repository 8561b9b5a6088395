using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Modular.Payments.Benchmarks;

/// <summary>
/// The floor an import is measured against: the very rows the import left in its database, bulk-written into a fresh,
/// migrated database with the same indexes – one transaction, binary COPY per table on PostgreSQL, one prepared INSERT
/// per table on SQLite. Reading the rows back happens before or between timed writes, never inside them.
/// </summary>
internal static class Floor
{
    private const int Chunk = 10_000;

    public static async Task<(long Rows, int Tables, TimeSpan Writing)> CopyAsync(Database from, Database to)
    {
        return from.Provider == "Postgres" ? await CopyPostgresAsync(from, to) : await CopySqliteAsync(from, to);
    }

    private static async Task<(long, int, TimeSpan)> CopySqliteAsync(Database from, Database to)
    {
        await using var source = new SqliteConnection(from.ConnectionString);
        await using var target = new SqliteConnection(to.ConnectionString);
        await source.OpenAsync();
        await target.OpenAsync();
        var tables = await TablesAsync(source, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'payments\\_%' ESCAPE '\\' ORDER BY name");
        var watch = new Stopwatch();
        long rows = 0;
        var written = 0;
        watch.Start();
        await using var transaction = (SqliteTransaction)await target.BeginTransactionAsync();
        watch.Stop();
        foreach (var table in tables)
        {
            await using var read = source.CreateCommand();
            read.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await read.ExecuteReaderAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            await using var insert = target.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = "@p" + i })).ToArray();
            insert.Prepare();
            var chunk = new List<object[]>(Chunk);
            var any = false;
            while (true)
            {
                chunk.Clear();
                while (chunk.Count < Chunk && await reader.ReadAsync())
                {
                    var values = new object[columns.Length];
                    reader.GetValues(values);
                    chunk.Add(values);
                }

                if (chunk.Count == 0)
                {
                    break;
                }

                any = true;
                watch.Start();
                foreach (var values in chunk)
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        parameters[i].Value = values[i];
                    }

                    insert.ExecuteNonQuery();
                }

                watch.Stop();
                rows += chunk.Count;
            }

            written += any ? 1 : 0;
        }

        watch.Start();
        await transaction.CommitAsync();
        watch.Stop();
        return (rows, written, watch.Elapsed);
    }

    private static async Task<(long, int, TimeSpan)> CopyPostgresAsync(Database from, Database to)
    {
        var folder = Directory.CreateTempSubdirectory("modular-payments-floor").FullName;
        try
        {
            // Export every table (untimed) in COPY's binary format, exactly as stored.
            await using var source = new NpgsqlConnection(from.ConnectionString);
            await source.OpenAsync();
            var tables = await TablesAsync(source,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'payments' AND table_name <> '__migrations' ORDER BY table_name");
            var counts = new Dictionary<string, long>();
            foreach (var table in tables)
            {
                await using (var file = File.Create(Path.Combine(folder, table)))
                await using (var export = await source.BeginRawBinaryCopyAsync($"COPY \"payments\".\"{table}\" TO STDOUT (FORMAT BINARY)"))
                {
                    await export.CopyToAsync(file);
                }

                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"payments\".\"{table}\"", source);
                counts[table] = (long)(await count.ExecuteScalarAsync())!;
            }

            await using var target = new NpgsqlConnection(to.ConnectionString);
            await target.OpenAsync();
            var watch = Stopwatch.StartNew();
            await using var transaction = await target.BeginTransactionAsync();
            foreach (var table in tables.Where(t => counts[t] > 0))
            {
                await using var file = File.OpenRead(Path.Combine(folder, table));
                await using var import = await target.BeginRawBinaryCopyAsync($"COPY \"payments\".\"{table}\" FROM STDIN (FORMAT BINARY)");
                await file.CopyToAsync(import);
            }

            await transaction.CommitAsync();
            watch.Stop();
            return (counts.Values.Sum(), counts.Count(c => c.Value > 0), watch.Elapsed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<string>> TablesAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            if (!name.StartsWith("__", StringComparison.Ordinal))
            {
                tables.Add(name);
            }
        }

        return tables;
    }
}
