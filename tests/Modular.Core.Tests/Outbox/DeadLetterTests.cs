using Autofac;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Core.Access;
using Modular.Core.Outbox;
using Modular.Core.Results;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>A delivery that keeps failing becomes a dead letter after N attempts; the health check reports it; staff retry or drop it.</summary>
public abstract class DeadLetterTests(TestDatabase database) : OutboxHostsTest(database)
{
    private static readonly string Flaky = typeof(FlakyConsumer).FullName!;

    [DbFact]
    public async Task A_delivery_failing_its_last_allowed_attempt_becomes_a_dead_letter_that_the_health_check_reports()
    {
        var (host, events) = await DeadLetterAsync();

        var delivery = (await OutboxProbe.DeliveriesAsync(host, events[0])).ShouldHaveSingleItem();
        delivery.Attempts.ShouldBe(3);
        delivery.DeadAt.ShouldNotBeNull();

        // A dead letter is not retried any more, whatever the time.
        Clock.Advance(Duration.FromDays(2));
        (await host.DrainOutboxAsync()).ShouldBe(0);
        (await AppliedAsync(host, "flaky", events)).ShouldBe([0]);

        var health = await OutboxHealthAsync(host);
        health.Status.ShouldBe(HealthStatus.Degraded);
        health.Description.ShouldNotBeNull().ShouldContain(Flaky + ": 1 dead letter(s)");
        health.Data.Keys.ShouldContain(Flaky);
    }

    [DbFact]
    public async Task Staff_see_a_dead_letter_retry_it_and_it_is_delivered_once()
    {
        var (host, events) = await DeadLetterAsync();

        var page = (await host.SendAsync(new ListDeadLetters())).Value;
        page.Total.ShouldBe(1);
        var letter = page.Items.ShouldHaveSingleItem();
        letter.MessageId.ShouldBe(events[0]);
        letter.Consumer.ShouldBe(Flaky);
        letter.Store.ShouldBe("counters");
        letter.EventType.ShouldNotBeNull().ShouldStartWith(typeof(CounterIncremented).FullName!);
        letter.Attempts.ShouldBe(3);
        letter.LastError.ShouldNotBeNull().ShouldContain("failed on purpose");

        host.Container.Resolve<ConsumerFaults>().Poison = null;
        (await host.SendAsync(new RetryDeadLetters(Flaky, events[0]))).Value.ShouldBe(1);
        await host.DrainOutboxAsync();
        (await AppliedAsync(host, "flaky", events)).ShouldBe([1]);
        (await host.SendAsync(new ListDeadLetters())).Value.Total.ShouldBe(0);
        (await OutboxHealthAsync(host)).Status.ShouldBe(HealthStatus.Healthy);
        (await OutboxProbe.PendingAsync(host)).ShouldBe(0);
    }

    [DbFact]
    public async Task Staff_drop_a_dead_letter_and_the_consumer_never_gets_the_event()
    {
        var (host, events) = await DeadLetterAsync();
        host.Container.Resolve<ConsumerFaults>().Poison = null;

        (await host.SendAsync(new DropDeadLetter(Flaky, events[0]))).IsSuccess.ShouldBeTrue();
        (await host.SendAsync(new DropDeadLetter(Flaky, events[0]))).Error.Code.ShouldBe(CoreErrors.DeadLetterNotFound);
        Clock.Advance(Duration.FromDays(1));
        await host.DrainOutboxAsync();
        (await AppliedAsync(host, "flaky", events)).ShouldBe([0]);
        (await OutboxProbe.PendingAsync(host)).ShouldBe(0);
        (await OutboxHealthAsync(host)).Status.ShouldBe(HealthStatus.Healthy);
    }

    [DbFact]
    public async Task Retrying_all_dead_letters_of_a_consumer_gives_each_a_new_round_of_attempts()
    {
        var (host, events) = await DeadLetterAsync(2);
        host.Container.Resolve<ConsumerFaults>().Poison = null;

        (await host.SendAsync(new RetryDeadLetters(Flaky))).Value.ShouldBe(2);
        (await OutboxProbe.DeliveriesAsync(host)).ShouldAllBe(d => d.Attempts == 0 && d.DeadAt == null);
        await host.DrainOutboxAsync();
        (await AppliedAsync(host, "flaky", events)).ShouldAllBe(n => n == 1);
    }

    [DbFact]
    public async Task Only_supervisors_and_the_system_retry_or_drop_dead_letters_and_customers_do_not_see_them()
    {
        var (host, events) = await DeadLetterAsync();
        var customer = Caller.Customer(Guid.NewGuid());
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier]);
        var supervisor = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]);

        (await host.SendAsync(new ListDeadLetters(), customer)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await host.SendAsync(new RetryDeadLetters(Flaky, events[0]), cashier)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await host.SendAsync(new DropDeadLetter(Flaky, events[0]), customer)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await OutboxProbe.DeliveriesAsync(host, events[0])).ShouldHaveSingleItem().DeadAt.ShouldNotBeNull();

        (await host.SendAsync(new ListDeadLetters(), supervisor)).Value.Total.ShouldBe(1);
        (await host.SendAsync(new RetryDeadLetters(Flaky, events[0]), supervisor)).Value.ShouldBe(1);
    }

    [DbFact]
    public async Task Dead_letter_requests_refuse_bad_input_and_change_nothing()
    {
        var (host, events) = await DeadLetterAsync();

        var list = await host.SendAsync(new ListDeadLetters(0, 0));
        list.Errors.Select(e => (e.Code, e.Field)).ShouldBe([(CoreErrors.Invalid, "Page"), (CoreErrors.Invalid, "PageSize")], ignoreOrder: true);
        (await host.SendAsync(new RetryDeadLetters(""))).Error.Code.ShouldBe(CoreErrors.Required);
        (await host.SendAsync(new RetryDeadLetters(Flaky, Guid.NewGuid()))).Error.Code.ShouldBe(CoreErrors.DeadLetterNotFound);
        (await host.SendAsync(new RetryDeadLetters("someone.else", events[0]))).Error.Code.ShouldBe(CoreErrors.DeadLetterNotFound);
        (await host.SendAsync(new DropDeadLetter(Flaky, Guid.Empty))).Error.Code.ShouldBe(CoreErrors.Required);
        (await OutboxProbe.DeliveriesAsync(host, events[0])).ShouldHaveSingleItem().DeadAt.ShouldNotBeNull();
    }

    /// <summary>A host whose flaky consumer fails every attempt (3 allowed) of the given number of events.</summary>
    private async Task<(TestHost Host, List<Guid> Events)> DeadLetterAsync(int count = 1)
    {
        var host = await StartAsync(Counters, Settings(("MaxAttempts", "3")));
        var faults = host.Container.Resolve<ConsumerFaults>();
        var names = Names(count);
        var events = new List<Guid>();
        foreach (var name in names)
        {
            faults.Poison = name;
            events.AddRange(await PublishAsync(host, name));
            for (var attempt = 0; attempt < 3; attempt++)
            {
                await host.DrainOutboxAsync();
                Clock.Advance(Duration.FromHours(1));
            }
        }

        (await AppliedAsync(host, "first", events)).ShouldAllBe(n => n == 1);
        return (host, events);
    }
}

public sealed class SqliteDeadLetterTests(SqliteDatabase database) : DeadLetterTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDeadLetterTests(PostgresDatabase database) : DeadLetterTests(database), IClassFixture<PostgresDatabase>;
