using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Modular.Core.Persistence;

/// <summary>
/// Applies every module's pending migrations, in dependency order, before the host's other services start. Several
/// instances starting together apply each migration once: on SQLite EF Core's lock table is held for a context's whole
/// run; on PostgreSQL EF Core's lock is released with each migration's transaction (another instance could then apply
/// the next migration of the list both computed), so the whole run also holds one session advisory lock.
/// </summary>
internal sealed class MigrationHostedService(
    ILifetimeScope scope,
    IEnumerable<ModuleStore> stores,
    IOptions<StorageOptions> options,
    ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        await MigrateAsync(scope, stores, logger, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The advisory lock key of migration runs ("Modular" in ASCII).</summary>
    private const long PostgresLockKey = 21796050464170354;

    internal static async Task MigrateAsync(ILifetimeScope root, IEnumerable<ModuleStore> stores, ILogger logger, CancellationToken cancellationToken)
    {
        await using var postgresLock = await LockPostgresAsync(root, stores, cancellationToken);
        var first = true;
        foreach (var store in stores)
        {
            await using var scope = root.BeginLifetimeScope();
            var context = scope.ResolveContext(store);
            if (first && context.IsSqlite)
            {
                PrepareSqliteFile(context);
                await context.Database.OpenConnectionAsync(cancellationToken);
                // WAL lets readers go on while one writer commits; it is a property of the file, set once.
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await context.Database.CloseConnectionAsync();
            }

            first = false;
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Migrating module {Module}: {Migrations}", store.Module, string.Join(", ", pending));
            }

            await context.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>On PostgreSQL, the migration runs' advisory lock, held until disposed; null on SQLite.</summary>
    private static async Task<PostgresMigrationLock?> LockPostgresAsync(ILifetimeScope root, IEnumerable<ModuleStore> stores, CancellationToken cancellationToken)
    {
        var store = stores.FirstOrDefault();
        if (store is null)
        {
            return null;
        }

        string connectionString;
        await using (var scope = root.BeginLifetimeScope())
        {
            var context = scope.ResolveContext(store);
            if (context.IsSqlite)
            {
                return null;
            }

            connectionString = context.Database.GetConnectionString()!;
        }

        var connection = new Npgsql.NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({PostgresLockKey})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Unlocks and closes; a process that dies releases the lock with its session.</summary>
    private sealed class PostgresMigrationLock(Npgsql.NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({PostgresLockKey})", connection);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static void PrepareSqliteFile(ModuleDbContext context)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(context.Database.GetConnectionString());
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }
    }
}
