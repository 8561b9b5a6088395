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

    internal static async Task MigrateAsync(ILifetimeScope root, IEnumerable<ModuleStore> stores, ILogger logger, CancellationToken cancellationToken)
    {
        // EF's lock on PostgreSQL does not span a store's migrations one after another: an instance that read the pending
        // list could apply a migration another instance applied meanwhile. One advisory lock held across every store does.
        await using var serial = await PostgresMigrationLock.AcquireAsync(root, stores, cancellationToken);
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

/// <summary>A session-level advisory lock on PostgreSQL held while one instance migrates every store; nothing on SQLite.</summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    private const long Key = 0x4D6F64756C6172; // "Modular"
    private readonly Npgsql.NpgsqlConnection? _connection;

    private PostgresMigrationLock(Npgsql.NpgsqlConnection? connection) => _connection = connection;

    public static async Task<PostgresMigrationLock> AcquireAsync(ILifetimeScope root, IEnumerable<ModuleStore> stores, CancellationToken cancellationToken)
    {
        var store = stores.FirstOrDefault();
        if (store is null)
        {
            return new PostgresMigrationLock(null);
        }

        await using var scope = root.BeginLifetimeScope();
        var context = scope.ResolveContext(store);
        if (context.IsSqlite)
        {
            return new PostgresMigrationLock(null);
        }

        var connection = new Npgsql.NpgsqlConnection(context.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresMigrationLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Released explicitly: a pooled connection keeps its session, and its locks, when it is closed.
            await using (var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            await _connection.DisposeAsync();
        }
    }
}
