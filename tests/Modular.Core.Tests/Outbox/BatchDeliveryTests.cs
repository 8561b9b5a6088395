using System.Diagnostics.Metrics;
using Autofac;
using Modular.Core.Diagnostics;
using Modular.Core.Outbox;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Consumers take events in batches; a failure holds back only the event that failed; commits wake the dispatcher.</summary>
public abstract class BatchDeliveryTests(TestDatabase database) : OutboxHostsTest(database)
{
    [DbFact]
    public async Task A_poison_event_in_a_batch_holds_back_only_itself()
    {
        var host = await StartAsync(Counters);
        var names = Names(5);
        host.Container.Resolve<ConsumerFaults>().Poison = names[2];
        var events = await PublishAsync(host, names);

        await host.DrainOutboxAsync();
        (await AppliedAsync(host, "flaky", events)).ShouldBe([1, 1, 0, 1, 1]);
        (await AppliedAsync(host, "first", events)).ShouldBe([1, 1, 1, 1, 1]);
        var held = (await OutboxProbe.DeliveriesAsync(host)).ShouldHaveSingleItem();
        (held.MessageId, held.Attempts).ShouldBe((events[2], 1));

        host.Container.Resolve<ConsumerFaults>().Poison = null;
        Clock.Advance(Duration.FromMinutes(1));
        await host.DrainOutboxAsync();
        (await AppliedAsync(host, "flaky", events)).ShouldBe([1, 1, 1, 1, 1]);
    }

    [DbFact]
    public async Task An_outside_effect_failing_mid_batch_keeps_the_effects_before_it_and_retries_only_itself()
    {
        var host = await StartAsync(Counters);
        var messages = host.Container.Resolve<Messages>();
        var events = new List<Guid>();
        foreach (var name in Names(6))
        {
            // A second apart, so the batch takes them in this order.
            Clock.Advance(Duration.FromSeconds(1));
            events.AddRange(await PublishAsync(host, name));
        }

        messages.FailSend(3);
        await host.DrainOutboxAsync();
        events.Select(messages.SentFor).ShouldBe([1, 1, 0, 1, 1, 1]);

        Clock.Advance(Duration.FromMinutes(1));
        await host.DrainOutboxAsync();
        events.Select(messages.SentFor).ShouldAllBe(n => n == 1);
        (await OutboxProbe.PendingAsync(host)).ShouldBe(0);
    }

    [DbFact]
    public async Task Bulk_outbox_rows_wake_the_dispatcher_for_their_store_once_committed_and_not_when_rolled_back()
    {
        var host = await StartAsync(Counters);
        var signal = host.Container.Resolve<OutboxSignal>();
        signal.TakeStores();
        var names = Names(40);

        await using (var scope = host.BeginScope())
        {
            var db = scope.Resolve<CountersDbContext>();
            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                await db.WriteOutboxAsync(names[..20].Select(n => new CounterIncremented(Guid.NewGuid(), Clock.GetCurrentInstant(), n, 1)).ToList());
                await rolledBack.RollbackAsync();
            }

            signal.TakeStores().ShouldBeEmpty();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.WriteOutboxAsync(names[20..].Select(n => new CounterIncremented(Guid.NewGuid(), Clock.GetCurrentInstant(), n, 1)).ToList());
            signal.TakeStores().ShouldBeEmpty();
            await transaction.CommitAsync();
            signal.TakeStores().ShouldBe(["counters"]);
        }

        (await host.DrainOutboxAsync()).ShouldBeGreaterThan(0);
        var ids = await host.WithContextAsync<CountersDbContext, List<Guid>>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.OutboxMessages.Select(m => m.Id)));
        ids.Count.ShouldBe(20);
        (await AppliedAsync(host, "first", ids)).ShouldAllBe(n => n == 1);
    }

    [DbFact]
    public async Task The_background_dispatcher_delivers_after_a_commit_without_waiting_for_its_poll()
    {
        var host = await StartAsync(Counters, Settings(("DispatchEnabled", "true"), ("PollIntervalMilliseconds", "600000")));
        var events = await PublishAsync(host, Names(3));

        // Only the commit's signal can wake the dispatcher within the deadline: its poll is ten minutes away.
        await Poll.UntilAsync(async () => (await AppliedAsync(host, "first", events)).All(n => n != 0), "the dispatcher delivers after the commit");
    }

    [DbFact]
    public async Task Three_dispatch_loops_in_one_host_deliver_a_backlog_once_per_consumer()
    {
        var host = await StartAsync(Counters, Settings(("DispatchEnabled", "true"), ("Dispatchers", "3"), ("BatchSize", "7"),
            ("PollIntervalMilliseconds", "50")));
        var events = await PublishAsync(host, Names(60));

        await Poll.UntilAsync(async () => (await AppliedAsync(host, "first", events)).All(n => n != 0), "the loops deliver the backlog");
        (await AppliedAsync(host, "first", events)).ShouldAllBe(n => n == 1);
        await Poll.UntilAsync(async () => (await AppliedAsync(host, "flaky", events)).All(n => n != 0), "every consumer gets the backlog");
        (await AppliedAsync(host, "flaky", events)).ShouldAllBe(n => n == 1);
    }

    [DbFact]
    public async Task Deliveries_failures_and_lag_are_reported_as_metrics()
    {
        var measured = new List<(string Instrument, double Value, string? Consumer)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ModularDiagnostics.Name && instrument.Name.StartsWith("modular.outbox.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? consumer = null;
            foreach (var tag in tags)
            {
                consumer = tag.Key == "consumer" ? tag.Value as string : consumer;
            }

            lock (measured)
            {
                measured.Add((instrument.Name, value, consumer));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        var host = await StartAsync(CountersAndTally);
        var names = Names(3);
        host.Container.Resolve<ConsumerFaults>().Poison = names[0];
        Clock.Advance(Duration.FromSeconds(0));
        await PublishAsync(host, names);
        Clock.Advance(Duration.FromSeconds(7));
        await host.DrainOutboxAsync();
        listener.Dispose();

        // Other tests run in parallel and report too: these are lower bounds for this host's consumers.
        lock (measured)
        {
            measured.Where(m => m is { Instrument: "modular.outbox.delivered", Consumer: TallyConsumerName }).Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(3);
            measured.Where(m => m.Instrument == "modular.outbox.failed" && m.Consumer == typeof(FlakyConsumer).FullName).ShouldNotBeEmpty();
            measured.Where(m => m is { Instrument: "modular.outbox.lag", Consumer: TallyConsumerName }).ShouldContain(m => m.Value >= 7);
            measured.ShouldContain(m => m.Instrument == "modular.outbox.dispatched");
        }
    }

    private const string TallyConsumerName = "tally.counter-incremented";
}

public sealed class SqliteBatchDeliveryTests(SqliteDatabase database) : BatchDeliveryTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresBatchDeliveryTests(PostgresDatabase database) : BatchDeliveryTests(database), IClassFixture<PostgresDatabase>;
