using Autofac;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Modular.Core.Persistence;

/// <summary>
/// Applies every module's pending migrations, in dependency order, once per process: at start (the hosted service),
/// when the host asks first (<c>await host.MigrateModularAsync()</c> between Build and Run), or on the first request
/// sent before either. Across processes one lock covers all modules – a PostgreSQL advisory lock held by one session,
/// or an exclusive lock on a file beside the SQLite database – so any number of hosts starting together on one empty
/// database migrate one after the other and the later ones find nothing to do; a crashed holder's lock is released by
/// the server or the operating system.
/// </summary>
internal sealed class ModularMigrator(ILifetimeScope root, IEnumerable<ModuleStore> stores, ILogger<ModularMigrator> logger)
{
    /// <summary>Any 64-bit key fixed for the product: the advisory lock space is per database.</summary>
    private const long AdvisoryLockKey = 0x4D6F64756C617201; // "Modular" + 1

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public bool IsDone => _done;

    public async Task EnsureMigratedAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await MigrateAsync(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var ordered = stores.ToList();
        if (ordered.Count == 0)
        {
            return;
        }

        string connectionString;
        bool sqlite;
        await using (var scope = root.BeginLifetimeScope())
        {
            var first = scope.ResolveContext(ordered[0]);
            connectionString = first.Database.GetConnectionString()!;
            sqlite = first.IsSqlite;
        }

        await using var hold = sqlite
            ? await SqliteLock.AcquireAsync(connectionString, logger, cancellationToken)
            : await PostgresLock.AcquireAsync(connectionString, cancellationToken);
        if (sqlite)
        {
            await PrepareSqliteAsync(connectionString, cancellationToken);
        }

        foreach (var store in ordered)
        {
            await using var scope = root.BeginLifetimeScope();
            var context = scope.ResolveContext(store);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            logger.LogInformation("Migrating module {Module}: {Migrations}", store.Module, string.Join(", ", pending));
            await context.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>WAL lets readers go on while one writer commits; it is a property of the file, set once.</summary>
    private static async Task PrepareSqliteAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class PostgresLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, CancellationToken cancellationToken)
        {
            // Its own connection, outside the pool, so the session (and the lock) lives exactly as long as this holder.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresLock(connection);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync(); // closing the session releases the lock in any case
            }
        }
    }

    private sealed class SqliteLock(FileStream? file) : IAsyncDisposable
    {
        public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
            {
                return new SqliteLock(null);
            }

            var path = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var lockPath = path + ".migrations.lock";
            var waited = false;
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive lock (flock on Unix) that the OS drops with the process.
                    return new SqliteLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException)
                {
                    if (!waited)
                    {
                        logger.LogInformation("Waiting for another host migrating {Database}", path);
                        waited = true;
                    }

                    await Task.Delay(50, cancellationToken);
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            file?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
