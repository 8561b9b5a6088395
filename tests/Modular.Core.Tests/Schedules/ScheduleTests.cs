using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Core.Platform;
using Modular.Core.Results;
using Modular.Core.Schedules;
using Modular.Core.Testing;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests.Schedules;

/// <summary>
/// The scheduler on a real database: each occurrence once across runners, missed occurrences collapsed, failures
/// recorded, crashed runs taken over, daylight saving time in the utility's zone. Jobs have unique names per test.
/// </summary>
public abstract class ScheduleTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeZone Bucharest = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];
    private readonly List<TestHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [DbFact]
    public async Task A_due_occurrence_runs_once_as_the_system_and_records_its_outcome_and_next_run()
    {
        var script = new ProbeScript(("Nightly", "0 2 * * *"));
        var host = await StartAsync(script, At(2026, 11, 25, 10, 0));

        (await host.RunDueJobsAsync()).ShouldBeEmpty("no occurrence since the job was first seen");
        host.Clock.SetLocal(new LocalDateTime(2026, 11, 26, 2, 0, 30), Bucharest);
        var runs = await host.RunDueJobsAsync();
        (await host.RunDueJobsAsync()).ShouldBeEmpty();

        runs.Single().ShouldSatisfyAllConditions(
            r => r.Job.ShouldBe(script[0]),
            r => r.Occurrence.ShouldBe(At(2026, 11, 26, 2, 0)),
            r => r.Outcome.ShouldBe(ScheduledJobOutcome.Succeeded),
            r => r.Message.ShouldBe("done"));
        script.Runs.Single().Caller.Kind.ShouldBe(CallerKind.System);
        var status = await StatusAsync(host, script[0]);
        status.ShouldSatisfyAllConditions(
            s => s.Module.ShouldBe("Probes"),
            s => s.Cron.ShouldBe("0 2 * * *"),
            s => s.Enabled.ShouldBeTrue(),
            s => s.LastOccurrence.ShouldBe(At(2026, 11, 26, 2, 0)),
            s => s.LastStartedAt.ShouldBe(host.Clock.GetCurrentInstant()),
            s => s.LastFinishedAt.ShouldBe(host.Clock.GetCurrentInstant()),
            s => s.LastOutcome.ShouldBe(ScheduledJobOutcome.Succeeded),
            s => s.LastDuration.ShouldNotBeNull(),
            s => s.LastMessage.ShouldBe("done"),
            s => s.NextRunAt.ShouldBe(At(2026, 11, 27, 2, 0)),
            s => s.RunningOn.ShouldBeNull(),
            s => s.Overdue.ShouldBeFalse());
    }

    [DbFact]
    public async Task A_customer_may_not_read_the_schedules()
    {
        var host = await StartAsync(new ProbeScript(("Any", "0 2 * * *")), At(2026, 11, 25, 10, 0));

        var refused = await host.SendAsync(new GetScheduledJobs(), Caller.Customer(Guid.NewGuid()));

        refused.Error.Code.ShouldBe(CoreErrors.Forbidden);
    }

    [DbFact]
    public async Task Two_runners_racing_on_one_database_run_each_occurrence_once()
    {
        var script = new ProbeScript(("Hourly", "0 * * * *"), ("Quarterly", "*/15 * * * *"));
        var first = await StartAsync(script, At(2026, 11, 25, 10, 0));
        var second = await StartAsync(script, At(2026, 11, 25, 10, 0));

        for (var hour = 11; hour <= 16; hour++)
        {
            first.Clock.SetLocal(new LocalDateTime(2026, 11, 25, hour, 0, 1), Bucharest);
            second.Clock.SetLocal(new LocalDateTime(2026, 11, 25, hour, 0, 1), Bucharest);
            await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).RunDueJobsAsync())));
        }

        var expected = Enumerable.Range(11, 6).Select(h => At(2026, 11, 25, h, 0)).ToList();
        script.RunsOf(script[0]).Select(r => r.Occurrence).OrderBy(o => o).ShouldBe(expected);
        script.RunsOf(script[1]).Select(r => r.Occurrence).OrderBy(o => o).ShouldBe(expected);
    }

    [DbFact]
    public async Task Downtime_spanning_three_occurrences_runs_one_then_the_schedule_goes_on()
    {
        var script = new ProbeScript(("Hourly", "0 * * * *"));
        var host = await StartAsync(script, At(2026, 11, 25, 10, 0));

        host.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 13, 30), Bucharest);
        var afterDowntime = await host.RunDueJobsAsync();
        host.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 14, 0, 5), Bucharest);
        var next = await host.RunDueJobsAsync();

        afterDowntime.Select(r => r.Occurrence).ShouldBe([At(2026, 11, 25, 13, 0)]);
        next.Select(r => r.Occurrence).ShouldBe([At(2026, 11, 25, 14, 0)]);
        script.Runs.Count.ShouldBe(2);
    }

    [DbFact]
    public async Task A_failing_job_records_the_failure_and_runs_at_its_next_occurrence()
    {
        var script = new ProbeScript(("Throws", "0 * * * *"), ("Refuses", "0 * * * *"));
        script.On(script[0], (_, _) => throw new InvalidOperationException("The partner's server is down."));
        script.On(script[1], (_, _) => Task.FromResult(Result<string>.Failure("probes.partner_unreachable")));
        var host = await StartAsync(script, At(2026, 11, 25, 10, 0));

        host.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 11, 0, 1), Bucharest);
        var failed = await host.RunDueJobsAsync();
        host.Clock.Advance(Duration.FromMinutes(10));
        var meanwhile = await host.RunDueJobsAsync();

        failed.Select(r => r.Outcome).ShouldBe([ScheduledJobOutcome.Failed, ScheduledJobOutcome.Failed]);
        meanwhile.ShouldBeEmpty("a failed occurrence waits for the next one");
        var thrown = await StatusAsync(host, script[0]);
        thrown.LastOutcome.ShouldBe(ScheduledJobOutcome.Failed);
        thrown.LastMessage.ShouldBe("InvalidOperationException: The partner's server is down.");
        thrown.ConsecutiveFailures.ShouldBe(1);
        (await StatusAsync(host, script[1])).LastMessage.ShouldBe("probes.partner_unreachable");
        var health = await HealthAsync(host);
        health.Status.ShouldBe(HealthStatus.Degraded);
        health.Description!.ShouldContain(script[0]);
        health.Description!.ShouldContain(script[1]);

        script.On(script[0], (_, _) => Task.FromResult<Result<string>>("recovered"));
        host.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 12, 0, 1), Bucharest);
        var recovered = (await host.RunDueJobsAsync()).Single(r => r.Job == script[0]);

        recovered.Outcome.ShouldBe(ScheduledJobOutcome.Succeeded);
        (await StatusAsync(host, script[0])).ConsecutiveFailures.ShouldBe(0);
        (await StatusAsync(host, script[1])).ConsecutiveFailures.ShouldBe(2);
    }

    [DbFact]
    public async Task Configuration_switches_a_job_off_or_moves_it_to_another_time()
    {
        var script = new ProbeScript(("Off", "0 * * * *"), ("Moved", "0 * * * *"));
        var host = await StartAsync(script, At(2026, 11, 25, 10, 0), new Dictionary<string, string?>
        {
            [$"Modular:Schedules:{script[0]}:Enabled"] = "false",
            [$"Modular:Schedules:{script[1]}:Cron"] = "15 4 * * *",
        });

        host.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 23, 59), Bucharest);
        var beforeMoved = await host.RunDueJobsAsync();
        host.Clock.SetLocal(new LocalDateTime(2026, 11, 26, 4, 15), Bucharest);
        var atMoved = await host.RunDueJobsAsync();

        beforeMoved.ShouldBeEmpty();
        atMoved.Select(r => (r.Job, r.Occurrence)).ShouldBe([(script[1], At(2026, 11, 26, 4, 15))]);
        var off = await StatusAsync(host, script[0]);
        off.Enabled.ShouldBeFalse();
        off.LastOccurrence.ShouldBeNull();
        off.Overdue.ShouldBeFalse("a job switched off is never overdue");
        (await StatusAsync(host, script[1])).Cron.ShouldBe("15 4 * * *");
    }

    [DbTheory]
    [InlineData("0 25 * * *", ":Cron", "Hours")]
    [InlineData("every night", ":Cron", "five fields")]
    [InlineData(null, ":Enabled", "'sometimes' is not true or false")]
    public async Task A_bad_schedule_setting_stops_the_host_naming_the_key(string? cron, string key, string reason)
    {
        var script = new ProbeScript(("Bad", "0 2 * * *"));
        var settings = new Dictionary<string, string?>();
        if (cron is not null)
        {
            settings[$"Modular:Schedules:{script[0]}:Cron"] = cron;
        }
        else
        {
            settings[$"Modular:Schedules:{script[0]}:Enabled"] = "sometimes";
        }

        var error = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            StartAsync(script, At(2026, 11, 25, 10, 0), settings));

        error.Message.ShouldContain($"Modular:Schedules:{script[0]}{key}");
        error.Message.ShouldContain(reason);
    }

    [DbFact]
    public async Task A_bad_default_cron_or_job_name_of_a_module_is_refused_at_start()
    {
        var badDefault = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            StartAsync(new ProbeScript(("Default", "61 * * * *")), At(2026, 11, 25, 10, 0)));
        var badName = await Should.ThrowAsync<Composition.ModularConfigurationException>(() =>
            StartAsync(new ProbeScript(("-nightly", "0 2 * * *")), At(2026, 11, 25, 10, 0)));

        badDefault.Message.ShouldContain("the default of module Probes is invalid");
        badName.Message.ShouldContain("letters and digits");
    }

    [DbFact]
    public async Task An_unknown_time_zone_is_reported_by_its_own_key_when_jobs_are_declared()
    {
        var error = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            StartAsync(new ProbeScript(("Zoned", "0 2 * * *")), At(2026, 11, 25, 10, 0),
                new Dictionary<string, string?> { ["Modular:Time:TimeZone"] = "Europe/Atlantis" }));

        error.Message.ShouldContain("Modular:Time:TimeZone");
    }

    [DbFact]
    public async Task A_crashed_runners_occurrence_is_taken_over_when_its_lease_ends()
    {
        var script = new ProbeScript(("Stuck", "0 * * * *"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<Result<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        script.On(script[0], async (_, _) =>
        {
            started.TrySetResult();
            return await release.Task;
        });
        var settings = new Dictionary<string, string?> { ["Modular:Schedules:LeaseSeconds"] = "60" };
        var crashing = await StartAsync(script, At(2026, 11, 25, 10, 0), settings);
        var survivor = await StartAsync(script, At(2026, 11, 25, 10, 0), settings);
        crashing.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 11, 0, 1), Bucharest);
        survivor.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 11, 0, 1), Bucharest);

        // The first runner claims the occurrence and never finishes it (as if its process were killed).
        var abandoned = crashing.RunDueJobsAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (await StatusAsync(survivor, script[0])).RunningOn.ShouldNotBeNull();
        var whileLeased = await survivor.RunDueJobsAsync();
        survivor.Clock.Advance(Duration.FromSeconds(61));
        script.On(script[0], (_, _) => Task.FromResult<Result<string>>("taken over"));
        var takenOver = await survivor.RunDueJobsAsync();

        whileLeased.ShouldBeEmpty();
        takenOver.Single().ShouldSatisfyAllConditions(
            r => r.Occurrence.ShouldBe(At(2026, 11, 25, 11, 0)),
            r => r.Outcome.ShouldBe(ScheduledJobOutcome.Succeeded));
        release.SetResult("late");
        await abandoned;
        var status = await StatusAsync(survivor, script[0]);
        status.LastMessage.ShouldBe("taken over", "the late runner lost its lease and records nothing");
        status.RunningOn.ShouldBeNull();
        (await survivor.RunDueJobsAsync()).ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_run_interrupted_by_its_host_stopping_is_taken_over_at_once()
    {
        var script = new ProbeScript(("Long", "0 3 * * *"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.On(script[0], async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "never";
        });
        var stopping = await StartAsync(script, At(2026, 11, 25, 10, 0));
        var other = await StartAsync(script, At(2026, 11, 25, 10, 0));
        stopping.Clock.SetLocal(new LocalDateTime(2026, 11, 26, 3, 0, 1), Bucharest);
        other.Clock.SetLocal(new LocalDateTime(2026, 11, 26, 3, 0, 2), Bucharest);

        using var stop = new CancellationTokenSource();
        var interrupted = stopping.Container.Resolve<ScheduleRunner>().RunDueAsync(stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        (await interrupted).Single().Outcome.ShouldBe(ScheduledJobOutcome.Interrupted);
        script.On(script[0], (_, _) => Task.FromResult<Result<string>>("finished elsewhere"));
        var resumed = await other.RunDueJobsAsync();

        resumed.Single().ShouldSatisfyAllConditions(
            r => r.Occurrence.ShouldBe(At(2026, 11, 26, 3, 0)),
            r => r.Outcome.ShouldBe(ScheduledJobOutcome.Succeeded));
        (await StatusAsync(other, script[0])).LastMessage.ShouldBe("finished elsewhere");
    }

    [DbFact]
    public async Task A_long_run_renews_its_lease_so_no_other_runner_takes_it_over()
    {
        var script = new ProbeScript(("Slow", "0 * * * *"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<Result<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        script.On(script[0], async (_, _) =>
        {
            started.TrySetResult();
            return await release.Task;
        });
        var settings = new Dictionary<string, string?> { ["Modular:Schedules:LeaseSeconds"] = "10" };
        var host = await StartAsync(script, At(2026, 11, 25, 10, 0), settings);
        host.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 11, 0, 1), Bucharest);
        var running = host.RunDueJobsAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var firstLease = await LeaseUntilAsync(host, script[0]);

        // Time passes beyond the first lease; the heartbeat (every third of the lease) moves the lease on.
        host.Clock.Advance(Duration.FromSeconds(30));
        var renewed = await Poll.ForAsync(async () => await LeaseUntilAsync(host, script[0]) is { } lease && lease != firstLease ? (Instant?)lease : null,
            "the heartbeat renews the lease");

        var other = await StartAsync(script, host.Clock.GetCurrentInstant());
        var whileRenewed = await other.RunDueJobsAsync();
        release.SetResult("slow but done");
        var runs = await running;

        renewed.ShouldBe(host.Clock.GetCurrentInstant() + Duration.FromSeconds(10));
        whileRenewed.ShouldBeEmpty();
        runs.Single().Outcome.ShouldBe(ScheduledJobOutcome.Succeeded);
        script.Runs.Count.ShouldBe(1);
    }

    [DbTheory]
    [InlineData("Europe/Bucharest")]
    [InlineData("Europe/Riga")]
    public async Task Jobs_run_once_through_the_nights_the_clocks_change(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var script = new ProbeScript(("At0330", "30 3 * * *"), ("At0230", "30 2 * * *"), ("Hourly", "0 * * * *"));
        var settings = new Dictionary<string, string?> { ["Modular:Time:TimeZone"] = zoneId };
        var host = await StartAsync(script, Instant.FromUtc(2027, 3, 27, 12, 0), settings);

        // Spring forward (28 March 2027, 03:00 -> 04:00) and fall back (31 October 2027, 04:00 -> 03:00), in 10-minute steps.
        await StepAsync(host, Instant.FromUtc(2027, 3, 27, 20, 0), Instant.FromUtc(2027, 3, 28, 6, 0));
        host.Clock.Set(Instant.FromUtc(2027, 10, 30, 12, 0));
        await host.RunDueJobsAsync();
        await StepAsync(host, Instant.FromUtc(2027, 10, 30, 20, 0), Instant.FromUtc(2027, 10, 31, 6, 0));

        // Between the two nights the job ran once more, for the occurrences it missed meanwhile; that is not what this is about.
        static bool Night(Instant o) => o < Instant.FromUtc(2027, 3, 29, 0, 0) || o >= Instant.FromUtc(2027, 10, 30, 20, 0);
        script.RunsOf(script[0]).Select(r => r.Occurrence).Where(Night).ShouldBe([
            Instant.FromUtc(2027, 3, 28, 1, 0), // 03:30 does not exist: at 04:00 summer time
            Instant.FromUtc(2027, 10, 31, 0, 30), // 03:30 happens twice: the first time only
        ]);
        script.RunsOf(script[1]).Select(r => r.Occurrence).Where(Night).ShouldBe([Instant.FromUtc(2027, 3, 28, 0, 30), Instant.FromUtc(2027, 10, 30, 23, 30)]);
        script.RunsOf(script[2]).Select(r => r.Occurrence).Where(o => o >= Instant.FromUtc(2027, 10, 30, 20, 0)).Count()
            .ShouldBe(11, "every real hour from 20:00 to 06:00 UTC, the repeated one included");
        script.RunsOf(script[2]).Select(r => r.Occurrence.InZone(zone).LocalDateTime)
            .Where(t => t.Date == new LocalDate(2027, 10, 31) && t.Hour == 3).Count().ShouldBe(2);
    }

    [DbFact]
    public async Task The_health_check_reports_each_job_and_degrades_when_one_is_overdue()
    {
        var script = new ProbeScript(("Watched", "0 2 * * *"));
        var host = await StartAsync(script, At(2026, 11, 25, 10, 0));
        host.Clock.SetLocal(new LocalDateTime(2026, 11, 26, 2, 0), Bucharest);
        await host.RunDueJobsAsync();

        var healthy = await HealthAsync(host);
        host.Clock.SetLocal(new LocalDateTime(2026, 11, 27, 2, 16), Bucharest);
        var overdue = await HealthAsync(host);

        healthy.Status.ShouldBe(HealthStatus.Healthy);
        healthy.Tags.ShouldContain("ready");
        var job = (IReadOnlyDictionary<string, object?>)healthy.Data[script[0]];
        job["lastRun"].ShouldBe("2026-11-26T00:00:00Z");
        job["nextRun"].ShouldBe("2026-11-27T00:00:00Z");
        job["outcome"].ShouldBe("Succeeded");
        job["durationMs"].ShouldNotBeNull();
        overdue.Status.ShouldBe(HealthStatus.Degraded);
        overdue.Description.ShouldBe("overdue: " + script[0]);
        (await StatusAsync(host, script[0])).Overdue.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_host_that_runs_schedules_runs_due_jobs_by_itself()
    {
        var script = new ProbeScript(("Background", "*/5 * * * *"));
        var host = await StartAsync(script, At(2026, 11, 25, 10, 1), new Dictionary<string, string?>
        {
            ["Modular:Schedules:RunJobs"] = "true",
            ["Modular:Schedules:PollSeconds"] = "1",
        });

        host.Clock.SetLocal(new LocalDateTime(2026, 11, 25, 10, 5, 1), Bucharest);
        await Poll.UntilAsync(() => !script.Runs.IsEmpty, "the background scheduler runs the due job");

        // Between the two nights the job ran once more, for the occurrences it missed meanwhile; that is not what this is about.
        static bool Night(Instant o) => o < Instant.FromUtc(2027, 3, 29, 0, 0) || o >= Instant.FromUtc(2027, 10, 30, 20, 0);
        script.RunsOf(script[0]).Select(r => r.Occurrence).Where(Night).ShouldBe([At(2026, 11, 25, 10, 5)]);
    }

    private async Task<TestHost> StartAsync(ProbeScript script, Instant now, IDictionary<string, string?>? settings = null)
    {
        var host = await TestHost.StartAsync(database, m => m.AddModule(new ProbesModule(script)), settings, new FakeClock(now));
        _hosts.Add(host);
        return host;
    }

    private static Instant At(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Bucharest).ToInstant();

    private static async Task StepAsync(TestHost host, Instant from, Instant to)
    {
        for (var now = from; now <= to; now += Duration.FromMinutes(10))
        {
            host.Clock.Set(now);
            await host.RunDueJobsAsync();
        }
    }

    private static async Task<ScheduledJobStatus> StatusAsync(TestHost host, string job) =>
        (await host.SendAsync(new GetScheduledJobs())).Value.Single(s => s.Name == job);

    private static Task<Instant?> LeaseUntilAsync(TestHost host, string job) =>
        host.WithContextAsync<CoreDbContext, Instant?>(db => db.Set<ScheduleState>().Where(s => s.Name == job).Select(s => s.LeaseUntil).SingleAsync());

    private static async Task<HealthReportEntry> HealthAsync(TestHost host)
    {
        var report = await host.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "schedules");
        return report.Entries["schedules"];
    }
}

public sealed class SqliteScheduleTests(SqliteDatabase database) : ScheduleTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresScheduleTests(PostgresDatabase database) : ScheduleTests(database), IClassFixture<PostgresDatabase>;
