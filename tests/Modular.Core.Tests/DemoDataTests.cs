using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Core.Demo;
using Modular.Core.Testing;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>
/// Demo data is loaded only when asked for, only into an empty database, once across instances, never in Production, and
/// a load that died half-way is taken over by a later start.
/// </summary>
public abstract class DemoDataTests
{
    private static readonly Dictionary<string, string?> Asked = new() { ["Modular:Demo:Enabled"] = "true" };

    protected abstract TestDatabase NewDatabase();

    [DbFact]
    public async Task Without_being_asked_a_host_loads_no_demo_data()
    {
        await using var owned = await CreateAsync();
        var database = owned.Database;
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));
        (await CountersAsync(host)).ShouldBeEmpty();
        host.Container.Resolve<DemoDataReport>().Lines.ShouldBeEmpty();
    }

    [DbFact]
    public async Task Asked_for_the_demo_data_is_loaded_into_an_empty_database_once()
    {
        await using var owned = await CreateAsync();
        var database = owned.Database;
        await using (var first = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), Asked))
        {
            (await CountersAsync(first)).ShouldBe([("demo-a", 1), ("demo-b", 1)]);
            first.Container.Resolve<DemoDataReport>().Lines.ShouldBe(["Demo counters: demo-a, demo-b"]);
        }

        // A later start finds it loaded: nothing is added, and the report still tells what is there.
        await using var second = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), Asked);
        (await CountersAsync(second)).ShouldBe([("demo-a", 1), ("demo-b", 1)]);
        second.Container.Resolve<DemoDataReport>().Lines.ShouldBe(["Demo counters: demo-a, demo-b"]);
    }

    [DbFact]
    public async Task A_host_call_asks_for_demo_data_like_the_setting()
    {
        await using var owned = await CreateAsync();
        var database = owned.Database;
        await using var host = await TestHost.StartAsync(database, m => m.UseDemoData().AddModule(new CountersModule()));
        (await CountersAsync(host)).Count.ShouldBe(2);
    }

    [DbFact]
    public async Task A_database_that_holds_data_gets_no_demo_data()
    {
        await using var owned = await CreateAsync();
        var database = owned.Database;
        await using (var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule())))
        {
            (await host.SendAsync(new IncrementCounter("real", 5))).IsSuccess.ShouldBeTrue();
        }

        await using var asked = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), Asked);
        (await CountersAsync(asked)).ShouldBe([("real", 5)]);
        asked.Container.Resolve<DemoDataReport>().Lines.ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_load_that_died_half_way_is_taken_over_once_its_lease_has_expired()
    {
        await using var owned = await CreateAsync();
        var database = owned.Database;
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 10, 0));
        var dying = new Dictionary<string, string?>(Asked) { ["Modular:Counters:DemoFailsAfterFirstCounter"] = "true" };
        (await Should.ThrowAsync<InvalidOperationException>(() => TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), dying, clock)))
            .Message.ShouldContain("died");

        // While the lease runs, another start leaves the load to its owner.
        await using (var early = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), Asked, clock))
        {
            (await CountersAsync(early)).ShouldBe([("demo-a", 1)]);
        }

        clock.Advance(Duration.FromMinutes(11));
        await using var late = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), Asked, clock);
        (await CountersAsync(late)).ShouldBe([("demo-a", 1), ("demo-b", 1)]);
        late.Container.Resolve<DemoDataReport>().Lines.ShouldNotBeEmpty();
    }

    [DbFact]
    public async Task Instances_starting_together_on_an_empty_database_load_the_demo_data_once()
    {
        await using var owned = await CreateAsync();
        var database = owned.Database;
        // Migrated first: this test is about the demo data's claim, not about concurrent migrations.
        await (await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()))).DisposeAsync();
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), Asked)));
        try
        {
            (await CountersAsync(hosts[0])).ShouldBe([("demo-a", 1), ("demo-b", 1)]);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_production_host_asked_for_demo_data_refuses_to_start_and_says_why()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Modular:Storage:ConnectionString"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "modular-tests", Guid.NewGuid().ToString("N") + ".db"),
            ["Modular:Demo:Enabled"] = "true",
        });
        builder.AddModular(m => m.AddModule(new CountersModule()));
        using var host = builder.Build();
        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());
        error.Message.ShouldContain("Modular:Demo:Enabled");
        error.Message.ShouldContain("never loaded in Production");
    }

    /// <summary>A database of its own for one test (each starts empty), dropped afterwards.</summary>
    private async Task<EmptyDatabase> CreateAsync()
    {
        var database = NewDatabase();
        await database.InitializeAsync();
        return new EmptyDatabase(database);
    }

    private sealed class EmptyDatabase(TestDatabase database) : IAsyncDisposable
    {
        public TestDatabase Database => database;

        public ValueTask DisposeAsync() => new(database.DisposeAsync());
    }

    private static Task<List<(string Name, int Value)>> CountersAsync(TestHost host) =>
        host.WithContextAsync<CountersDbContext, List<(string, int)>>(async db =>
            (await db.Counters.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Name, c.Value }).ToListAsync())
                .Select(c => (c.Name, c.Value)).ToList());
}

public sealed class SqliteDemoDataTests : DemoDataTests
{
    protected override TestDatabase NewDatabase() => new SqliteDatabase();
}

[Postgres]
public sealed class PostgresDemoDataTests : DemoDataTests
{
    protected override TestDatabase NewDatabase() => new PostgresDatabase();
}
