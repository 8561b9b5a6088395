using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Modular.Core.Persistence;

/// <summary>
/// Applies every module's pending migrations, in dependency order, before the host's other services start.
/// EF Core takes a database-wide migration lock (an advisory lock on PostgreSQL, a lock table on SQLite), so
/// several instances starting together apply each migration once.
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

    internal static async Task MigrateAsync(ILifetimeScope root, IEnumerable<ModuleStore> stores, ILogger logger, CancellationToken cancellationToken)
    {
        // EF's own lock on PostgreSQL lasts one migration's transaction, so instances starting together can interleave
        // once a store has several migrations; one session lock around all of them orders the instances.
        await using var postgresLock = await PostgresMigrationLock.TakeAsync(root, stores.FirstOrDefault(), cancellationToken);
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

/// <summary>A session-level advisory lock held while one instance migrates every store (PostgreSQL only).</summary>
internal sealed class PostgresMigrationLock(Npgsql.NpgsqlConnection connection) : IAsyncDisposable
{
    private const long Key = 0x4D6F64756C617202;

    public static async Task<PostgresMigrationLock?> TakeAsync(ILifetimeScope root, ModuleStore? store, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return null;
        }

        string? connectionString;
        await using (var scope = root.BeginLifetimeScope())
        {
            var context = scope.ResolveContext(store);
            if (context.IsSqlite)
            {
                return null;
            }

            connectionString = context.Database.GetConnectionString();
        }

        var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresMigrationLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        // Explicitly: a pooled connection's session (and its locks) outlives Close until the connection is reused.
        await using (var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        await connection.DisposeAsync();
    }
}
