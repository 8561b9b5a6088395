using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Outbox;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>The outbox's promise: written with the state change, delivered after commit, each consumer's effect once.</summary>
public abstract class OutboxTests(TestDatabase database) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()),
        new Dictionary<string, string?> { ["Modular:Outbox:BatchSize"] = "5", ["Modular:Outbox:LeaseSeconds"] = "30" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Each_consumer_applies_each_event_once()
    {
        var name = await IncrementAsync(3);
        await _host.DrainOutboxAsync();
        (await ApplicationsAsync(name, "first")).ShouldBe(3);
        (await ApplicationsAsync(name, "flaky")).ShouldBe(3);
        (await UnprocessedAsync()).ShouldBe(0);
    }

    [DbFact]
    public async Task Two_dispatchers_racing_deliver_each_event_once_per_consumer()
    {
        var name = await IncrementAsync(20);
        var first = _host.Container.Resolve<OutboxProcessor>();
        var second = _host.Container.Resolve<OutboxProcessor>();

        async Task Drain(OutboxProcessor processor)
        {
            while (await processor.ProcessOnceAsync() > 0)
            {
            }
        }

        await Task.WhenAll(Task.Run(() => Drain(first)), Task.Run(() => Drain(second)));
        (await ApplicationsAsync(name, "first")).ShouldBe(20);
        (await ApplicationsAsync(name, "flaky")).ShouldBe(20);
        (await UnprocessedAsync()).ShouldBe(0);
    }

    [DbFact]
    public async Task A_repeated_delivery_of_the_same_event_changes_nothing()
    {
        var name = await IncrementAsync(1);
        var message = await _host.WithContextAsync<CountersDbContext, OutboxMessage>(db => db.OutboxMessages.SingleAsync(m => m.Payload.Contains(name)));
        var integrationEvent = IntegrationEventSerializer.Deserialize(message.Type, message.Payload);

        // The same event handed to the consumer three times, twice of them concurrently.
        async Task Deliver()
        {
            await using var scope = _host.BeginScope();
            var handlers = scope.Resolve<IEnumerable<Events.IIntegrationEventHandler<CounterIncremented>>>();
            await handlers.OfType<FirstConsumer>().Single().HandleAsync((CounterIncremented)integrationEvent, default);
        }

        await Deliver();
        await Task.WhenAll(Deliver(), Deliver());
        (await ApplicationsAsync(name, "first")).ShouldBe(1);
    }

    [DbFact]
    public async Task An_effect_outside_the_database_happens_once_under_racing_deliveries_and_again_after_a_failure()
    {
        var name = await IncrementAsync(1);
        var message = await _host.WithContextAsync<CountersDbContext, OutboxMessage>(db => db.OutboxMessages.SingleAsync(m => m.Payload.Contains(name)));
        var integrationEvent = (CounterIncremented)IntegrationEventSerializer.Deserialize(message.Type, message.Payload);
        var messages = _host.Container.Resolve<Messages>();

        async Task Deliver()
        {
            await using var scope = _host.BeginScope();
            var handlers = scope.Resolve<IEnumerable<Events.IIntegrationEventHandler<CounterIncremented>>>();
            await handlers.OfType<MessengerConsumer>().Single().HandleAsync(integrationEvent, default);
        }

        // The first attempt fails at the mail server: its claim rolls back, so a later delivery sends.
        messages.FailNext(1);
        await Should.ThrowAsync<InvalidOperationException>(Deliver);
        messages.SentFor(integrationEvent.EventId).ShouldBe(0);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Deliver()));
        await Deliver();
        messages.SentFor(integrationEvent.EventId).ShouldBe(1);
    }

    [DbFact]
    public async Task A_dispatcher_stopped_mid_batch_is_taken_over_when_its_lease_ends()
    {
        var name = await IncrementAsync(5);
        var faults = _host.Container.Resolve<ConsumerFaults>();
        using var stop = new CancellationTokenSource();

        // The first dispatcher is killed while delivering: cancellation arrives inside the batch, after two deliveries.
        var processor = _host.Container.Resolve<OutboxProcessor>();
        faults.StopAfter(2, stop);
        await Should.ThrowAsync<OperationCanceledException>(() => processor.ProcessOnceAsync(stop.Token));
        faults.StopAfter(0, new CancellationTokenSource());

        // Before the lease ends nobody else takes the leased messages; after it, a new dispatcher finishes the work.
        (await _host.DrainOutboxAsync()).ShouldBe(0);
        (await UnprocessedAsync()).ShouldBeGreaterThan(0);
        _host.Clock.Advance(Duration.FromSeconds(31));
        await _host.DrainOutboxAsync();
        (await ApplicationsAsync(name, "first")).ShouldBe(5);
        (await ApplicationsAsync(name, "flaky")).ShouldBe(5);
        (await UnprocessedAsync()).ShouldBe(0);
    }

    [DbFact]
    public async Task A_failing_consumer_is_retried_later_without_repeating_the_others()
    {
        var name = await IncrementAsync(1);
        _host.Container.Resolve<ConsumerFaults>().FailNext(1);
        await _host.DrainOutboxAsync();
        (await ApplicationsAsync(name, "first")).ShouldBe(1);
        (await ApplicationsAsync(name, "flaky")).ShouldBe(0);
        var message = await _host.WithContextAsync<CountersDbContext, OutboxMessage>(db => db.OutboxMessages.SingleAsync(m => m.Payload.Contains(name)));
        var failed = (await OutboxProbe.DeliveriesAsync(_host, message.Id)).ShouldHaveSingleItem();
        failed.Consumer.ShouldBe(typeof(FlakyConsumer).FullName);
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldNotBeNull().ShouldContain("failed on purpose");
        failed.NextAttemptAt.ShouldBeGreaterThan(_host.Clock.GetCurrentInstant());

        _host.Clock.Advance(Duration.FromMinutes(1));
        await _host.DrainOutboxAsync();
        (await ApplicationsAsync(name, "first")).ShouldBe(1);
        (await ApplicationsAsync(name, "flaky")).ShouldBe(1);
        (await UnprocessedAsync()).ShouldBe(0);
    }

    [DbFact]
    public async Task An_event_in_an_uncommitted_transaction_is_invisible_to_the_dispatcher()
    {
        var name = "tx" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = _host.BeginScope();
        var db = scope.Resolve<CountersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Counters.Add(new Counter { Id = Guid.NewGuid(), Name = name, Value = 1, UpdatedAt = _host.Clock.GetCurrentInstant() });
        db.Publish(new CounterIncremented(Guid.NewGuid(), _host.Clock.GetCurrentInstant(), name, 1));
        await db.SaveChangesAsync();

        if (database.Provider == Persistence.StorageProvider.Postgres)
        {
            // PostgreSQL lets the dispatcher read while the writer's transaction is open: it must see nothing.
            await _host.DrainOutboxAsync();
            (await ApplicationsAsync(name, "first")).ShouldBe(0);
        }

        await transaction.RollbackAsync();
        await _host.DrainOutboxAsync();
        (await ApplicationsAsync(name, "first")).ShouldBe(0);
        (await _host.WithContextAsync<CountersDbContext, int>(d => d.OutboxMessages.CountAsync(m => m.Payload.Contains(name)))).ShouldBe(0);
    }

    private async Task<string> IncrementAsync(int times)
    {
        var name = "o" + Guid.NewGuid().ToString("N")[..12];
        for (var i = 0; i < times; i++)
        {
            (await _host.SendAsync(new IncrementCounter(name, 1))).IsSuccess.ShouldBeTrue();
        }

        return name;
    }

    private async Task<int> ApplicationsAsync(string name, string consumer)
    {
        var eventIds = await _host.WithContextAsync<CountersDbContext, List<Guid>>(db =>
            db.OutboxMessages.Where(m => m.Payload.Contains(name)).Select(m => m.Id).ToListAsync());
        return await _host.WithContextAsync<CountersDbContext, int>(db =>
            db.Applications.CountAsync(a => eventIds.Contains(a.EventId) && a.Consumer == consumer));
    }

    private Task<int> UnprocessedAsync() => OutboxProbe.PendingAsync(_host);
}

public sealed class SqliteOutboxTests(SqliteDatabase database) : OutboxTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresOutboxTests(PostgresDatabase database) : OutboxTests(database), IClassFixture<PostgresDatabase>;
