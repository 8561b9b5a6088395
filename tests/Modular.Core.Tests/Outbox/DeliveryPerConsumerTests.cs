using Autofac;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Every consumer of an event, in any host that ever composed it, gets it once, whichever host dispatches.</summary>
public abstract class DeliveryPerConsumerTests(TestDatabase database) : OutboxHostsTest(database)
{
    [DbFact]
    public async Task A_consumer_first_composed_by_a_later_host_receives_the_events_dispatched_before_it_started()
    {
        // The integrator's case: a billing console dispatches 29 events and stops; then a portal composing one more
        // consumer of them starts on the same database.
        var console = await StartAsync(Counters);
        var events = await PublishAsync(console, Names(29));
        await console.DrainOutboxAsync();
        (await AppliedAsync(console, "first", events)).ShouldAllBe(n => n == 1);
        await StopAsync(console);

        var portal = await StartAsync(CountersAndTally);
        await portal.DrainOutboxAsync();
        (await TalliedAsync(portal, events)).ShouldAllBe(n => n == 1);
        (await AppliedAsync(portal, "first", events)).ShouldAllBe(n => n == 1);
        (await AppliedAsync(portal, "flaky", events)).ShouldAllBe(n => n == 1);
        (await OutboxProbe.PendingAsync(portal)).ShouldBe(0);
    }

    [DbFact]
    public async Task A_host_without_the_publishing_module_delivers_its_own_consumers_their_events()
    {
        var publisher = await StartAsync(Counters);
        var consumer = await StartAsync(TallyOnly);
        var events = await PublishAsync(publisher, Names(10));

        // Only the consumer's host runs a dispatcher: it dispatches the Counters store it does not compose.
        await consumer.DrainOutboxAsync();
        (await TalliedAsync(consumer, events)).ShouldAllBe(n => n == 1);
        (await AppliedAsync(publisher, "first", events)).ShouldAllBe(n => n == 0);

        await publisher.DrainOutboxAsync();
        (await AppliedAsync(publisher, "first", events)).ShouldAllBe(n => n == 1);
        (await OutboxProbe.PendingAsync(publisher)).ShouldBe(0);
    }

    [DbFact]
    public async Task Two_hosts_composing_different_modules_racing_deliver_each_event_once_per_consumer()
    {
        var portal = await StartAsync(CountersAndTally);
        var worker = await StartAsync(Counters);
        var names = Names(40);
        var events = new List<Guid>();
        events.AddRange(await PublishAsync(portal, names[..20]));
        events.AddRange(await PublishAsync(worker, names[20..]));

        async Task Drain(TestHost host)
        {
            var processor = host.Container.Resolve<Core.Outbox.OutboxProcessor>();
            while (await processor.ProcessOnceAsync() > 0)
            {
            }
        }

        await Task.WhenAll(Task.Run(() => Drain(portal)), Task.Run(() => Drain(worker)), Task.Run(() => Drain(portal)), Task.Run(() => Drain(worker)));

        // A racing pass can find nothing while the other host's dispatch is uncommitted and stop early; the next pass
        // (the dispatcher's poll) finds the rest. Whatever the interleaving, no consumer got an event twice.
        await portal.DrainOutboxAsync();
        await worker.DrainOutboxAsync();
        (await AppliedAsync(portal, "first", events)).ShouldAllBe(n => n == 1);
        (await AppliedAsync(portal, "flaky", events)).ShouldAllBe(n => n == 1);
        (await TalliedAsync(portal, events)).ShouldAllBe(n => n == 1);
        var sent = events.Select(id => portal.Container.Resolve<Messages>().SentFor(id) + worker.Container.Resolve<Messages>().SentFor(id));
        sent.ShouldAllBe(n => n == 1);
        (await OutboxProbe.PendingAsync(portal)).ShouldBe(0);
    }

    [DbFact]
    public async Task A_consumer_failing_in_one_host_does_not_hold_back_another_consumer_of_the_same_event()
    {
        var counters = await StartAsync(Counters);
        var tally = await StartAsync(TallyOnly);
        var names = Names(1);
        counters.Container.Resolve<ConsumerFaults>().Poison = names[0];
        var events = await PublishAsync(counters, names);

        await counters.DrainOutboxAsync();
        (await AppliedAsync(counters, "first", events)).ShouldBe([1]);
        (await AppliedAsync(counters, "flaky", events)).ShouldBe([0]);
        var waiting = await OutboxProbe.DeliveriesAsync(counters, events[0]);
        waiting.Select(d => d.Consumer).Order().ShouldBe([typeof(FlakyConsumer).FullName!, "tally.counter-incremented"]);
        waiting.Single(d => d.Consumer == typeof(FlakyConsumer).FullName).Attempts.ShouldBe(1);

        // The other host's consumer gets the event at once: the flaky consumer's back-off is its own.
        await tally.DrainOutboxAsync();
        (await TalliedAsync(tally, events)).ShouldBe([1]);
        (await OutboxProbe.DeliveriesAsync(counters, events[0])).ShouldHaveSingleItem().Consumer.ShouldBe(typeof(FlakyConsumer).FullName);
    }
}

public sealed class SqliteDeliveryPerConsumerTests(SqliteDatabase database) : DeliveryPerConsumerTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDeliveryPerConsumerTests(PostgresDatabase database) : DeliveryPerConsumerTests(database), IClassFixture<PostgresDatabase>;
