using System.Diagnostics;
using System.Diagnostics.Metrics;
using Autofac;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Diagnostics;
using Modular.Core.Messaging;
using Modular.Core.Money;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>What a host can do before it runs, migration columns for model types, and the request telemetry.</summary>
public abstract class StartupTests(TestDatabase database) : IAsyncLifetime
{

    private TestDatabase _fresh = null!;

    public async Task InitializeAsync() => _fresh = await database.CreateSiblingAsync();

    public Task DisposeAsync() => _fresh.DisposeAsync();

    [DbFact]
    public async Task A_command_sent_between_build_and_run_migrates_first_and_is_stored()
    {
        using var host = Build();
        await using (var scope = Scope(host))
        {
            (await scope.Resolve<IMediator>().Send(new IncrementCounter("before-run", 2))).Value.ShouldBe(2);
        }

        await host.StartAsync();
        await using (var scope = Scope(host))
        {
            (await scope.Resolve<IMediator>().Send(new GetCounter("before-run"))).Value.ShouldBe(2);
        }

        await host.StopAsync();
    }

    [DbFact]
    public async Task An_explicit_migration_before_run_leaves_the_start_nothing_to_do()
    {
        using var host = Build();
        await host.MigrateModularAsync();
        await using (var scope = Scope(host))
        {
            (await scope.Resolve<CountersDbContext>().Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        }

        await host.StartAsync();
        await host.StopAsync();
    }

    [DbFact]
    public async Task Migration_helpers_name_nodatime_and_currency_columns_that_round_trip_on_each_provider()
    {
        await using var host = await TestHost.StartAsync(_fresh, m => m.AddModule(new CalendarModule()));
        var appointment = new Appointment
        {
            Id = Guid.NewGuid(),
            At = Instant.FromUtc(2026, 3, 29, 0, 30, 15),
            Day = new LocalDate(2024, 2, 29),
            Period = new YearMonth(2026, 12),
            Currency = Currency.Of("EUR"),
            CancelledAt = Instant.FromUtc(2026, 10, 25, 1, 59),
            MovedTo = new LocalDate(2026, 12, 31),
        };
        await host.WithContextAsync<CalendarDbContext, int>(db =>
        {
            db.Appointments.Add(appointment);
            return db.SaveChangesAsync();
        });

        var stored = await host.WithContextAsync<CalendarDbContext, Appointment>(db =>
            db.Appointments.AsNoTracking().SingleAsync(a => a.Period == new YearMonth(2026, 12) && a.At < Instant.FromUtc(2026, 4, 1, 0, 0)));
        stored.ShouldBeEquivalentTo(appointment);
    }

    [DbFact]
    public async Task Each_request_reports_an_activity_and_a_duration_tagged_with_its_outcome()
    {
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ModularDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(activityListener);
        var durations = new List<(double Seconds, Dictionary<string, object?> Tags)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ModularDiagnostics.Name && instrument.Name == RequestTelemetry.DurationInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            lock (durations)
            {
                durations.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        meterListener.Start();

        await using var host = await TestHost.StartAsync(_fresh, m => m.AddModule(new CountersModule()));
        var name = "telemetry-" + Guid.NewGuid().ToString("N");
        ActivityTraceId trace;
        // A parent started by hand (needs no listener): the requests' activities join its trace.
        using (var test = new Activity("telemetry-test").Start())
        {
            trace = test.TraceId;
            (await host.SendAsync(new IncrementCounter(name, 1))).IsSuccess.ShouldBeTrue();
            (await host.SendAsync(new IncrementCounter(name, 0))).IsFailure.ShouldBeTrue();
            await Should.ThrowAsync<InvalidOperationException>(() => host.SendAsync(new WriteThenThrow(name)));
        }

        // Other test classes send requests at the same time: only this test's trace counts.
        Activity[] mine;
        lock (activities)
        {
            mine = activities.Where(a => a.TraceId == trace && a.Source.Name == ModularDiagnostics.Name).ToArray();
        }

        mine.Select(a => a.DisplayName).ShouldBe([nameof(IncrementCounter), nameof(IncrementCounter), nameof(WriteThenThrow)]);

        mine.Select(a => a.GetTagItem(RequestTelemetry.OutcomeTag)).ShouldBe(["ok", "counters.by_not_positive", "exception"]);
        mine.Select(a => a.GetTagItem(RequestTelemetry.KindTag)).ShouldAllBe(k => (string?)k == "command");
        mine[2].Status.ShouldBe(ActivityStatusCode.Error);

        lock (durations)
        {
            var outcomes = durations.Select(d => $"{d.Tags[RequestTelemetry.RequestTag]}:{d.Tags[RequestTelemetry.OutcomeTag]}").ToList();
            outcomes.ShouldContain("IncrementCounter:ok");
            outcomes.ShouldContain("IncrementCounter:counters.by_not_positive");
            outcomes.ShouldContain("WriteThenThrow:exception");
            durations.ShouldAllBe(d => d.Seconds >= 0);
        }
    }

    private IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = Directory.CreateTempSubdirectory("modular-build").FullName,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = _fresh.Storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = _fresh.Storage.ConnectionString,
            ["Modular:Outbox:DispatchEnabled"] = "false",
        });
        builder.AddModular(m => m.AddModule(new CountersModule()));
        return builder.Build();
    }

    private static ILifetimeScope Scope(IHost host) => host.Services.GetRequiredService<ILifetimeScope>()
        .BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
}

public sealed class SqliteStartupTests(SqliteDatabase database) : StartupTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresStartupTests(PostgresDatabase database) : StartupTests(database), IClassFixture<PostgresDatabase>;
