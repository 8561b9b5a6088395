using Modular.Core.Schedules;
using Modular.Readings.Contracts;
using Modular.Readings.Window;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>The scheduled job that announces the reading window, run by Core's scheduler; a fresh database per test.</summary>
public abstract class WindowJobTests(TestDatabase fixture) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ReadingsHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await fixture.CreateSiblingAsync();
        _host = await ReadingsHost.StartAsync(_database, now: ReadingsHost.LocalAt("Europe/Bucharest", 2027, 5, 24, 12));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [DbFact]
    public async Task Readings_declares_its_window_job_at_eight_in_the_morning()
    {
        var job = (await _host.SendAsync(new GetScheduledJobs())).Value.Single(j => j.Module == "Readings");

        job.Name.ShouldBe(ReadingWindowJob.Name);
        job.Cron.ShouldBe("0 8 * * *");
    }

    [DbFact]
    public async Task The_opening_is_published_once_at_eight_on_the_day_the_window_opens()
    {
        _host.SetLocal(2027, 5, 25, 7, 59);
        var beforeEight = await _host.Host.RunDueJobsAsync();
        _host.SetLocal(2027, 5, 25, 8, 0, 1);
        var atEight = (await _host.Host.RunDueJobsAsync()).Single();
        _host.SetLocal(2027, 5, 26, 8, 0, 1);
        var nextDay = (await _host.Host.RunDueJobsAsync()).Single();

        beforeEight.ShouldBeEmpty();
        atEight.Message.ShouldBe("The reading window opened: ReadingWindowOpened published.");
        nextDay.Message.ShouldBe("No window opened today, or its opening was already published.");
        var events = (await _host.Outbox()).Where(m => m.Type.Contains(nameof(ReadingWindowOpened), StringComparison.Ordinal)).ToList();
        events.ShouldHaveSingleItem().Payload.ShouldContain("2027-05-25");
    }

    [DbFact]
    public async Task After_downtime_the_missed_opening_is_published_while_the_window_is_open()
    {
        _host.SetLocal(2027, 5, 27, 15, 0);
        var runs = await _host.Host.RunDueJobsAsync();

        runs.ShouldHaveSingleItem().Outcome.ShouldBe(ScheduledJobOutcome.Succeeded);
        (await _host.Outbox()).Where(m => m.Type.Contains(nameof(ReadingWindowOpened), StringComparison.Ordinal))
            .ShouldHaveSingleItem().Payload.ShouldContain("2027-05-31");
    }
}

public sealed class SqliteWindowJobTests(SqliteDatabase database) : WindowJobTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresWindowJobTests(PostgresDatabase database) : WindowJobTests(database), IClassFixture<PostgresDatabase>;
