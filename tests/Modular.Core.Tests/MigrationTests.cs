using Microsoft.EntityFrameworkCore;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public abstract class MigrationTests(TestDatabase database) : IAsyncLifetime
{
    private TestDatabase _fresh = null!;

    public async Task InitializeAsync() => _fresh = await database.CreateSiblingAsync();

    public Task DisposeAsync() => _fresh.DisposeAsync();

    [DbFact]
    public async Task Several_instances_starting_at_once_apply_each_migration_once()
    {
        var hosts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => TestHost.StartAsync(_fresh, m => m.AddModule(new CountersModule())))));
        try
        {
            var applied = await hosts[0].WithContextAsync<CountersDbContext, List<string>>(async db =>
                (await db.Database.GetAppliedMigrationsAsync()).ToList());
            applied.ShouldBe(["20261122000000_Initial", "20261201010600_OutboxDeliveryPerConsumer"]);
            (await hosts[1].SendAsync(new IncrementCounter("after-start", 1))).Value.ShouldBe(1);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [DbFact]
    public async Task A_restart_finds_nothing_to_migrate_and_keeps_the_data()
    {
        await using (var first = await TestHost.StartAsync(_fresh, m => m.AddModule(new CountersModule())))
        {
            await first.SendAsync(new IncrementCounter("kept", 5));
        }

        await using var second = await TestHost.StartAsync(_fresh, m => m.AddModule(new CountersModule()));
        (await second.WithContextAsync<CountersDbContext, int>(async db => (await db.Database.GetPendingMigrationsAsync()).Count())).ShouldBe(0);
        (await second.SendAsync(new GetCounter("kept"))).Value.ShouldBe(5);
    }

    [DbFact]
    public async Task Each_module_keeps_its_tables_apart()
    {
        await using var host = await TestHost.StartAsync(_fresh, m => m.AddModule(new CountersModule()));
        var tables = await host.WithContextAsync<CountersDbContext, List<string>>(db => db.IsSqlite
            ? db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync()
            : db.Database.SqlQueryRaw<string>("SELECT table_schema || '.' || table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'counters'").ToListAsync());
        var expected = _fresh.Provider == Persistence.StorageProvider.Sqlite
            ? new[] { "counters_counters", "counters_applications", "counters_outbox_messages", "counters_inbox_messages", "__counters_migrations" }
            : ["counters.counters", "counters.applications", "counters.outbox_messages", "counters.inbox_messages", "counters.__migrations"];
        foreach (var table in expected)
        {
            tables.ShouldContain(table);
        }
    }
}

public sealed class SqliteMigrationTests(SqliteDatabase database) : MigrationTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresMigrationTests(PostgresDatabase database) : MigrationTests(database), IClassFixture<PostgresDatabase>;
