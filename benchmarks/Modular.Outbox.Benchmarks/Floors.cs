using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Outbox.Benchmarks;

/// <summary>
/// The bare floors the drain is compared with, on the same database in the same run: rows shaped like an inbox row
/// (event id, consumer, time) written one per commit on one connection, and the same rows written in bulk in one
/// transaction (binary COPY on PostgreSQL, prepared multi-row inserts on SQLite).
/// </summary>
internal static class Floors
{
    public static async Task<double> SingleRowCommitsAsync(BenchDatabase database, int rows)
    {
        await using var connection = await OpenAsync(database, "floor_single");
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO floor_single (id, consumer, at) VALUES (@id, @consumer, @at)";
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        var consumer = command.CreateParameter();
        consumer.ParameterName = "@consumer";
        consumer.Value = "billing.payment-settled";
        var at = command.CreateParameter();
        at.ParameterName = "@at";
        command.Parameters.Add(id);
        command.Parameters.Add(consumer);
        command.Parameters.Add(at);
        id.Value = database.IsSqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid();
        at.Value = DateTime.UtcNow;
        await command.PrepareAsync();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rows; i++)
        {
            id.Value = database.IsSqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid();
            at.Value = DateTime.UtcNow;
            await command.ExecuteNonQueryAsync(); // autocommit: one transaction per row
        }

        return rows / watch.Elapsed.TotalSeconds;
    }

    public static async Task<double> BulkInsertAsync(BenchDatabase database, int rows)
    {
        await using var connection = await OpenAsync(database, "floor_bulk");
        var watch = Stopwatch.StartNew();
        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync("COPY floor_bulk (id, consumer, at) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < rows; i++)
            {
                importer.StartRow();
                importer.Write(Guid.NewGuid(), NpgsqlDbType.Uuid);
                importer.Write("billing.payment-settled", NpgsqlDbType.Text);
                importer.Write(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync();
            return rows / watch.Elapsed.TotalSeconds;
        }

        const int PerStatement = 16;
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO floor_bulk (id, consumer, at) VALUES " +
            string.Join(", ", Enumerable.Range(0, PerStatement).Select(r => $"($i{r}, $c{r}, $a{r})"));
        for (var r = 0; r < PerStatement; r++)
        {
            command.Parameters.Add(new SqliteParameter("$i" + r, SqliteType.Text));
            command.Parameters.Add(new SqliteParameter("$c" + r, "billing.payment-settled"));
            command.Parameters.Add(new SqliteParameter("$a" + r, SqliteType.Text));
        }

        command.Prepare();
        for (var i = 0; i < rows; i += PerStatement)
        {
            for (var r = 0; r < PerStatement; r++)
            {
                command.Parameters[r * 3].Value = Guid.NewGuid().ToString().ToUpperInvariant();
                command.Parameters[(r * 3) + 2].Value = DateTime.UtcNow;
            }

            command.ExecuteNonQuery();
        }

        await transaction.CommitAsync();
        return rows / watch.Elapsed.TotalSeconds;
    }

    private static async Task<DbConnection> OpenAsync(BenchDatabase database, string table)
    {
        DbConnection connection = database.IsSqlite ? new SqliteConnection(database.ConnectionString) : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = database.IsSqlite
            ? $"CREATE TABLE {table} (id TEXT PRIMARY KEY, consumer TEXT NOT NULL, at TEXT NOT NULL)"
            : $"CREATE TABLE {table} (id uuid PRIMARY KEY, consumer varchar(300) NOT NULL, at timestamptz NOT NULL)";
        await create.ExecuteNonQueryAsync();
        return connection;
    }
}

/// <summary>A fresh SQLite file or PostgreSQL database for one provider's run, dropped afterwards.</summary>
internal sealed class BenchDatabase(string provider, string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public string Provider { get; } = provider == "sqlite" ? "Sqlite" : "Postgres";

    public bool IsSqlite => Provider == "Sqlite";

    public string ConnectionString { get; } = connectionString;

    public static async Task<BenchDatabase> CreateAsync(string provider, string? server)
    {
        if (provider == "sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), $"modular-outbox-bench-{Guid.NewGuid():N}.db");
            return new BenchDatabase(provider, $"Data Source={path};Default Timeout=600", () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }

                return Task.CompletedTask;
            });
        }

        var name = $"modular_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server!, $"CREATE DATABASE \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, ApplicationName = CpuMeter.ApplicationName }.ConnectionString;
        return new BenchDatabase(provider, connection, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    public async ValueTask DisposeAsync() => await drop();

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
