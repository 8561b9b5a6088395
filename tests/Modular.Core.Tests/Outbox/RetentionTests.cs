using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Done messages leave the hot outbox after the retention period for the archive, which is purged later.</summary>
public abstract class RetentionTests(TestDatabase database) : OutboxHostsTest(database)
{
    private static readonly IDictionary<string, string?> OneHourOneDay = Settings(("RetentionHours", "1"), ("ArchiveDays", "1"));

    [DbFact]
    public async Task A_message_every_consumer_has_moves_to_the_archive_after_the_retention_period_and_is_purged_later()
    {
        var host = await StartAsync(Counters, OneHourOneDay);
        var events = await PublishAsync(host, Names(3));
        await host.DrainOutboxAsync();
        var processor = host.Container.Resolve<Core.Outbox.OutboxProcessor>();

        Clock.Advance(Duration.FromMinutes(30));
        (await processor.SweepAsync()).ShouldBe(0);
        (await InOutboxAsync(host, events)).ShouldBe(3);

        Clock.Advance(Duration.FromMinutes(31));
        (await processor.SweepAsync()).ShouldBe(3);
        (await InOutboxAsync(host, events)).ShouldBe(0);
        (await InArchiveAsync(host, events)).ShouldBe(3);

        Clock.Advance(Duration.FromDays(1));
        await processor.SweepAsync();
        (await InArchiveAsync(host, events)).ShouldBe(0);
    }

    [DbFact]
    public async Task A_message_a_consumer_still_waits_for_stays_in_the_outbox_past_retention()
    {
        var host = await StartAsync(Counters, OneHourOneDay);
        var names = Names(2);
        host.Container.Resolve<ConsumerFaults>().Poison = names[0];
        var events = await PublishAsync(host, names);
        await host.DrainOutboxAsync();

        Clock.Advance(Duration.FromHours(2));
        (await host.Container.Resolve<Core.Outbox.OutboxProcessor>().SweepAsync()).ShouldBe(1);
        (await InOutboxAsync(host, [events[0]])).ShouldBe(1);
        (await InArchiveAsync(host, [events[1]])).ShouldBe(1);
    }

    [DbFact]
    public async Task A_consumer_registered_after_the_retention_period_receives_only_what_is_still_in_the_outbox()
    {
        var publisher = await StartAsync(Counters, OneHourOneDay);
        var archived = await PublishAsync(publisher, Names(2));
        await publisher.DrainOutboxAsync();
        Clock.Advance(Duration.FromHours(2));
        await publisher.Container.Resolve<Core.Outbox.OutboxProcessor>().SweepAsync();
        var retained = await PublishAsync(publisher, Names(1));
        await publisher.DrainOutboxAsync();

        var tally = await StartAsync(TallyOnly, OneHourOneDay);
        await tally.DrainOutboxAsync();
        (await TalliedAsync(tally, archived)).ShouldBe([0, 0]);
        (await TalliedAsync(tally, retained)).ShouldBe([1]);
    }

    private static Task<int> InOutboxAsync(TestHost host, IReadOnlyList<Guid> events) =>
        host.WithContextAsync<CountersDbContext, int>(db => db.OutboxMessages.CountAsync(m => events.Contains(m.Id)));

    private static Task<int> InArchiveAsync(TestHost host, IReadOnlyList<Guid> events) =>
        host.WithContextAsync<CountersDbContext, int>(db => db.ArchivedOutboxMessages.CountAsync(m => events.Contains(m.Id)));
}

public sealed class SqliteRetentionTests(SqliteDatabase database) : RetentionTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresRetentionTests(PostgresDatabase database) : RetentionTests(database), IClassFixture<PostgresDatabase>;
