using Microsoft.Data.Sqlite;
using Modular.Core.Persistence;
using Npgsql;
using Xunit;

namespace Modular.Core.Testing;

/// <summary>A real, fresh database for one test class.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public StorageOptions Storage { get; } = new();

    public abstract StorageProvider Provider { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Another fresh database of the same kind (for tests that need an empty one).</summary>
    public abstract Task<TestDatabase> CreateSiblingAsync();
}

public sealed class SqliteDatabase : TestDatabase
{
    private string _path = string.Empty;

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public string FilePath => _path;

    public override Task InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "modular-tests");
        Directory.CreateDirectory(folder);
        _path = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        Storage.Provider = StorageProvider.Sqlite;
        Storage.ConnectionString = $"Data Source={_path};Default Timeout=60";
        Storage.CommandTimeoutSeconds = 60;
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }

        return Task.CompletedTask;
    }

    public override async Task<TestDatabase> CreateSiblingAsync()
    {
        var sibling = new SqliteDatabase();
        await sibling.InitializeAsync();
        return sibling;
    }
}

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>MODULAR_TEST_POSTGRES</c> (a connection string whose
/// user may create databases). Dropped when the test class ends.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    public const string Variable = "MODULAR_TEST_POSTGRES";

    private string _name = string.Empty;

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable);

    /// <summary>Why PostgreSQL tests are skipped here, or null when they must run (server configured, or running in CI).</summary>
    public static string? SkipReason =>
        !string.IsNullOrWhiteSpace(ServerConnectionString) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? null
            : $"PostgreSQL tests need {Variable} (e.g. Host=localhost;Username=postgres;Password=postgres); set CI to make its absence a failure.";

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override async Task InitializeAsync()
    {
        var server = ServerConnectionString;
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"{Variable} is not set: PostgreSQL tests cannot run. " +
                "Install PostgreSQL and set it to a connection string, e.g. Host=localhost;Username=postgres;Password=postgres.");
        }

        _name = $"modular_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        Storage.Provider = StorageProvider.Postgres;
        Storage.ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name, MaxPoolSize = 50 }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        if (string.IsNullOrEmpty(_name))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<TestDatabase> CreateSiblingAsync()
    {
        var sibling = new PostgresDatabase();
        await sibling.InitializeAsync();
        return sibling;
    }
}
