using Npgsql;

namespace Modular.Payments.Benchmarks;

/// <summary>A fresh SQLite file, or a fresh database on the PostgreSQL server named by MODULAR_BENCH_POSTGRES (or MODULAR_TEST_POSTGRES).</summary>
internal sealed class Database : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string? _name;

    private Database(string provider, string connectionString, string? server = null, string? name = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _server = server;
        _name = name;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<Database> CreateAsync(string provider, string folder, string label)
    {
        if (provider != "postgres")
        {
            return new Database("Sqlite", $"Data Source={Path.Combine(folder, label.Replace(' ', '-') + ".db")}");
        }

        var server = Environment.GetEnvironmentVariable("MODULAR_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("MODULAR_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set MODULAR_BENCH_POSTGRES (or MODULAR_TEST_POSTGRES) to a PostgreSQL connection string.");
        var name = "modular_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new Database("Postgres", new NpgsqlConnectionStringBuilder(server) { Database = name, ApplicationName = CpuMeter.ApplicationName }.ConnectionString, server, name);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
