using System.Collections.Concurrent;
using Autofac;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;
using Modular.Readings.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Leaks;

/// <summary>
/// The leak watch as a consumer of Readings' <see cref="ReadingAccepted"/>: one warning per episode (type high-usage) naming
/// what was seen and the address, none for estimates or a normal reading, a new episode after use went back to normal, the
/// same event delivered twice warning once.
/// </summary>
public abstract class LeakWarningTests(TestDatabase database) : IAsyncLifetime
{
    private NotificationsHost _host = null!;

    private readonly FakeReadings _readings = new();

    public async Task InitializeAsync()
    {
        var world = new FakeWorld();
        var clock = new FakeClock(NotificationsHost.LocalAt("Europe/Bucharest", 2026, 11, 26, 12));
        var host = await TestHost.StartAsync(database, m => m.AddModule(new FakeAccountsModule(world)).AddModule(new FakeReadingsModule(_readings)).AddNotifications(),
            new Dictionary<string, string?> { ["Modular:Time:TimeZone"] = "Europe/Bucharest" }, clock);
        _host = new NotificationsHost(host, world);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_leak_warns_once_per_episode_and_a_new_episode_after_use_went_back_to_normal_warns_again()
    {
        var (customer, user) = _host.CustomerWithUser();
        var meter = Guid.NewGuid();
        var date = new LocalDate(2024, 11, 1);
        _readings.Add(customer.ContractId, meter, date, 0m, ReadingSource.MeterChange);
        for (var m = 0; m < 24; m++)
        {
            date = date.PlusDays(30);
            _readings.Add(customer.ContractId, meter, date, 6m);
        }

        await DeliverLatestAsync(customer.ContractId);
        (await WarningsAsync(user)).ShouldBeEmpty();

        date = date.PlusDays(30);
        var leak = _readings.Add(customer.ContractId, meter, date, 27m);
        await DeliverLatestAsync(customer.ContractId);
        await DeliverLatestAsync(customer.ContractId, again: true);
        date = date.PlusDays(30);
        _readings.Add(customer.ContractId, meter, date, 26m);
        await DeliverLatestAsync(customer.ContractId);

        var warnings = await WarningsAsync(user);
        warnings.Count.ShouldBe(1);
        var model = Modular.Notifications.Dispatch.ModelJson.Read(warnings[0].Model);
        model["litres_per_day"].ShouldBe(900m);
        model["usual_litres_per_day"].ShouldBe(200m);
        model["until"].ShouldBe(leak.ReadingDate);
        ((string)model["about"]!).ShouldContain(customer.ContractNumber);
        warnings[0].Template.ShouldBe("high-usage");

        date = date.PlusDays(30);
        _readings.Add(customer.ContractId, meter, date, 6.1m);
        await DeliverLatestAsync(customer.ContractId);
        date = date.PlusDays(30);
        _readings.Add(customer.ContractId, meter, date, 30m);
        await DeliverLatestAsync(customer.ContractId);

        (await WarningsAsync(user)).Count.ShouldBe(2);
        var episodes = await _host.Host.WithContextAsync<NotificationsDbContext, int>(db => db.LeakEpisodes.CountAsync(e => e.ContractId == customer.ContractId));
        episodes.ShouldBe(2);
    }

    [DbFact]
    public async Task An_estimate_or_a_catch_up_reading_after_estimates_does_not_warn()
    {
        var (customer, user) = _host.CustomerWithUser();
        var meter = Guid.NewGuid();
        var date = new LocalDate(2024, 11, 1);
        _readings.Add(customer.ContractId, meter, date, 0m, ReadingSource.MeterChange);
        for (var m = 0; m < 24; m++)
        {
            date = date.PlusDays(30);
            _readings.Add(customer.ContractId, meter, date, 6m);
        }

        for (var m = 0; m < 3; m++)
        {
            date = date.PlusDays(30);
            _readings.Add(customer.ContractId, meter, date, 6m, ReadingSource.UtilityEstimate, ReadingQuality.Estimated);
            await DeliverLatestAsync(customer.ContractId);
        }

        date = date.PlusDays(30);
        _readings.Add(customer.ContractId, meter, date, 24.5m);
        await DeliverLatestAsync(customer.ContractId);

        (await WarningsAsync(user)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_burst_of_readings_is_judged_once_per_contract_and_warns_as_the_latest_reading_alone_would()
    {
        var (leaking, leakingUser) = _host.CustomerWithUser();
        var (steady, steadyUser) = _host.CustomerWithUser();
        var events = new List<ReadingAccepted>();
        foreach (var (customer, last) in new[] { (leaking, 27m), (steady, 6m) })
        {
            var meter = Guid.NewGuid();
            var date = new LocalDate(2024, 11, 1);
            _readings.Add(customer.ContractId, meter, date, 0m, ReadingSource.MeterChange);
            for (var m = 0; m < 25; m++)
            {
                date = date.PlusDays(30);
                var reading = _readings.Add(customer.ContractId, meter, date, m == 24 ? last : 6m);
                events.Add(new ReadingAccepted(Guid.NewGuid(), _host.Clock.GetCurrentInstant(), reading.ReadingId, meter, customer.ContractId, reading.Index,
                    reading.ReadingDate, reading.Consumption, reading.Source.ToString()));
            }
        }

        // All 50 events wait in the outbox together, as after a burst of submissions, and are delivered in one batch.
        await _host.Host.WithContextAsync<NotificationsDbContext, int>(db =>
        {
            foreach (var accepted in events)
            {
                db.Publish(accepted);
            }

            return db.SaveChangesAsync();
        });
        await _host.Host.DrainOutboxAsync();

        _readings.Reads(leaking.ContractId).ShouldBe(1);
        _readings.Reads(steady.ContractId).ShouldBe(1);
        var warning = (await WarningsAsync(leakingUser)).ShouldHaveSingleItem();
        Modular.Notifications.Dispatch.ModelJson.Read(warning.Model)["litres_per_day"].ShouldBe(900m);
        (await WarningsAsync(steadyUser)).ShouldBeEmpty();
        (await _host.Host.WithContextAsync<NotificationsDbContext, int>(db => db.LeakEpisodes.CountAsync(e => e.ContractId == leaking.ContractId))).ShouldBe(1);
    }

    /// <summary>Publishes the contract's latest reading as Readings would and delivers it; <paramref name="again"/> hands the previous event to the consumer once more (a redelivery).</summary>
    private async Task DeliverLatestAsync(Guid contractId, bool again = false)
    {
        var latest = _readings.Latest(contractId);
        if (again)
        {
            await using var scope = _host.Host.BeginScope();
            foreach (var consumer in scope.Resolve<IEnumerable<Modular.Core.Events.IIntegrationEventHandler<ReadingAccepted>>>())
            {
                await consumer.HandleAsync(_readings.LastEvent!, CancellationToken.None);
            }

            return;
        }

        var accepted = new ReadingAccepted(Guid.NewGuid(), _host.Clock.GetCurrentInstant(), latest.ReadingId, latest.MeterId, contractId, latest.Index,
            latest.ReadingDate, latest.Consumption, latest.Source.ToString());
        _readings.LastEvent = accepted;
        await _host.Host.WithContextAsync<NotificationsDbContext, int>(db =>
        {
            db.Publish(accepted);
            return db.SaveChangesAsync();
        });
        await _host.Host.DrainOutboxAsync();
    }

    private Task<List<Domain.NotificationMessage>> WarningsAsync(Caller user) =>
        _host.Host.WithContextAsync<NotificationsDbContext, List<Domain.NotificationMessage>>(db =>
            db.Messages.AsNoTracking().Where(m => m.UserId == user.UserId && m.Type == NotificationTypes.HighUsage).ToListAsync());
}

public sealed class SqliteLeakWarningTests(SqliteDatabase database) : LeakWarningTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresLeakWarningTests(PostgresDatabase database) : LeakWarningTests(database), IClassFixture<PostgresDatabase>;

/// <summary>Readings' history as the leak watch reads it: accepted readings per contract, consumption since the meter's previous actual one.</summary>
public sealed class FakeReadings
{
    private readonly ConcurrentDictionary<Guid, List<ReadingView>> _byContract = new();

    public ReadingAccepted? LastEvent { get; set; }

    public ReadingView Add(Guid contractId, Guid meterId, LocalDate date, decimal consumption, ReadingSource source = ReadingSource.CustomerPortal,
        ReadingQuality quality = ReadingQuality.Actual)
    {
        var list = _byContract.GetOrAdd(contractId, _ => []);
        lock (list)
        {
            var index = list.Where(r => r.MeterId == meterId).Sum(r => r.Quality == ReadingQuality.Actual ? r.Consumption : 0) + consumption;
            var view = new ReadingView(Guid.NewGuid(), meterId, "SN-LEAK", contractId, new YearMonth(date.Year, date.Month), date, index, consumption, false, source,
                quality, ReadingStatus.Accepted, Instant.FromUtc(2026, 1, 1, 0, 0), null);
            list.Add(view);
            return view;
        }
    }

    public ReadingView Latest(Guid contractId) => _byContract[contractId].OrderBy(r => r.ReadingDate).Last();

    private readonly ConcurrentDictionary<Guid, int> _reads = new();

    /// <summary>How many times the contract's history was asked for.</summary>
    public int Reads(Guid contractId) => _reads.GetValueOrDefault(contractId);

    public IReadOnlyList<ReadingView> History(Guid contractId, LocalDate? from)
    {
        _reads.AddOrUpdate(contractId, 1, (_, n) => n + 1);
        return _byContract.TryGetValue(contractId, out var list)
            ? list.Where(r => from is null || r.ReadingDate >= from).OrderByDescending(r => r.ReadingDate).ToList()
            : [];
    }
}

/// <summary>Stands in for Readings: answers <see cref="GetReadingHistory"/> by contract.</summary>
public sealed class FakeReadingsModule(FakeReadings readings) : ModularModule
{
    public override string Name => "Readings";

    protected override bool Includes(Type type) => type == typeof(FakeReadingsHandler);

    protected override void Register(ContainerBuilder builder) => builder.RegisterInstance(readings).As<FakeReadings>();
}

internal sealed class FakeReadingsHandler(FakeReadings readings) : IRequestHandler<GetReadingHistory, Result<IReadOnlyList<ReadingView>>>
{
    public Task<Result<IReadOnlyList<ReadingView>>> Handle(GetReadingHistory request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<ReadingView>>>(readings.History(request.ContractId!.Value, request.From).ToList());
}
