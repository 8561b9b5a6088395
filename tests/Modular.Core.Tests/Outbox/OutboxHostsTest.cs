using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Core.Composition;
using Modular.Core.Tests.TallyModule;
using Modular.Core.Tests.TestModule;
using Modular.Core.Testing;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>
/// Several hosts on one fresh database, sharing one clock, as separately deployed processes would share a database:
/// each composes its own modules (Counters publishes <see cref="CounterIncremented"/>; Tally consumes it).
/// </summary>
public abstract class OutboxHostsTest(TestDatabase database) : IAsyncLifetime
{
    private readonly List<TestHost> _hosts = [];

    protected TestDatabase Fresh { get; private set; } = null!;

    protected FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 25, 10, 0));

    public async Task InitializeAsync() => Fresh = await database.CreateSiblingAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Fresh.DisposeAsync();
    }

    protected static Action<ModularBuilder> Counters => m => m.AddModule(new CountersModule());

    protected static Action<ModularBuilder> TallyOnly => m => m.AddModule(new TallyModule.TallyModule());

    protected static Action<ModularBuilder> CountersAndTally => m => m.AddModule(new CountersModule()).AddModule(new TallyModule.TallyModule());

    protected async Task<TestHost> StartAsync(Action<ModularBuilder> modules, IDictionary<string, string?>? settings = null)
    {
        var host = await TestHost.StartAsync(Fresh, modules, settings, Clock);
        _hosts.Add(host);
        return host;
    }

    protected async Task StopAsync(TestHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    /// <summary>Publishes through the host's Counters module, one event per name; answers the event ids in order.</summary>
    protected static async Task<List<Guid>> PublishAsync(TestHost host, params string[] names)
    {
        foreach (var name in names)
        {
            (await host.SendAsync(new IncrementCounter(name, 1))).IsSuccess.ShouldBeTrue();
        }

        var ids = new List<Guid>();
        foreach (var name in names)
        {
            var quoted = $"\"{name}\"";
            ids.Add(await host.WithContextAsync<CountersDbContext, Guid>(db =>
                db.OutboxMessages.Where(m => m.Payload.Contains(quoted)).Select(m => m.Id).SingleAsync()));
        }

        return ids;
    }

    protected static string[] Names(int count) => Enumerable.Range(0, count).Select(_ => "o" + Guid.NewGuid().ToString("N")[..12]).ToArray();

    /// <summary>How many times each event was applied by a Counters consumer ("first" or "flaky"), read through a Counters host.</summary>
    protected static async Task<int[]> AppliedAsync(TestHost countersHost, string consumer, IReadOnlyList<Guid> eventIds)
    {
        var rows = await countersHost.WithContextAsync<CountersDbContext, List<Guid>>(db =>
            db.Applications.Where(a => a.Consumer == consumer && eventIds.Contains(a.EventId)).Select(a => a.EventId).ToListAsync());
        return eventIds.Select(id => rows.Count(r => r == id)).ToArray();
    }

    /// <summary>How many times each event was tallied, read through a host composing Tally.</summary>
    protected static async Task<int[]> TalliedAsync(TestHost tallyHost, IReadOnlyList<Guid> eventIds)
    {
        var rows = await tallyHost.WithContextAsync<TallyDbContext, List<Guid>>(db =>
            db.Tallies.Where(t => eventIds.Contains(t.EventId)).Select(t => t.EventId).ToListAsync());
        return eventIds.Select(id => rows.Count(r => r == id)).ToArray();
    }

    protected static async Task<HealthReportEntry> OutboxHealthAsync(TestHost host) =>
        (await host.Container.Resolve<HealthCheckService>().CheckHealthAsync(r => r.Name == "outbox")).Entries["outbox"];

    protected static IDictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => "Modular:Outbox:" + s.Key, s => (string?)s.Value);
}
