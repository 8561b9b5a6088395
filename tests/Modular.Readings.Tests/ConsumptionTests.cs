using Autofac;
using Modular.Readings.Contracts;
using Modular.Readings.DemoData;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>Consumption per billing period (actual, estimated, no data), history, expected consumption, demo data.</summary>
public abstract class ConsumptionTests(TestDatabase database) : IAsyncLifetime
{
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_period_without_a_reading_is_estimated_from_average_daily_use_and_without_history_has_no_data()
    {
        var contract = Guid.NewGuid();
        var meter = await _host.RegisterAsync(contract, initial: 0m, installedOn: new LocalDate(2025, 12, 20));
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2026, 1, 10), 10, 10m, 10m);
        var empty = Guid.NewGuid();
        await _host.RegisterAsync(empty);

        var answer = (await _host.SendAsync(new GetBillingConsumption([contract, empty], new YearMonth(2026, 11)))).Value;
        var estimated = answer.Single(c => c.ContractId == contract);
        estimated.Quality.ShouldBe(ConsumptionQuality.Estimated);
        // The installation reading (20.12.2025, index 0) starts the history: 100 m³ over 294 days.
        estimated.CubicMeters.ShouldBe(decimal.Round(100m / 294m * 30m, 3, MidpointRounding.AwayFromZero));
        estimated.PreviousActualDate.ShouldBe(new LocalDate(2026, 10, 10));
        var none = answer.Single(c => c.ContractId == empty);
        none.Quality.ShouldBe(ConsumptionQuality.NoData);
        none.CubicMeters.ShouldBe(0m);
    }

    [DbFact]
    public async Task An_actual_reading_after_estimated_periods_carries_the_consumption_since_the_previous_actual_reading()
    {
        var contract = Guid.NewGuid();
        var meter = await _host.RegisterAsync(contract, initial: 0m, installedOn: new LocalDate(2025, 12, 20));
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2026, 1, 10), 10, 10m, 10m);
        _host.SetLocal(2026, 12, 27);
        (await _host.SendAsync(new SubmitReading(meter, 130m))).Value.Stored.ShouldBeTrue();

        var history = (await _host.SendAsync(new GetConsumptionHistory(contract, new YearMonth(2026, 10), new YearMonth(2026, 12)))).Value;
        history.Select(c => c.Quality).ShouldBe([ConsumptionQuality.Actual, ConsumptionQuality.Estimated, ConsumptionQuality.Actual]);
        var december = history[2];
        december.SincePreviousActual.ShouldBe(30m);
        december.PreviousActualDate.ShouldBe(new LocalDate(2026, 10, 10));
        december.ReadingDate.ShouldBe(new LocalDate(2026, 12, 27));
        december.CubicMeters.ShouldBe(30m - history[1].CubicMeters);
        history[0].CubicMeters.ShouldBe(10m);
    }

    [DbFact]
    public async Task Billing_consumption_is_for_system_callers_only()
    {
        var user = _host.Scopes.UserFor(Guid.NewGuid());
        (await _host.SendAsync(new GetBillingConsumption([Guid.NewGuid()], new YearMonth(2026, 11)), user)).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(new GetConsumptionHistory(Guid.NewGuid(), new YearMonth(2026, 1), new YearMonth(2026, 2)), user))
            .Error.Code.ShouldBe("readings.contract_not_visible");
        (await _host.SendAsync(new GetConsumptionHistory(Guid.NewGuid(), new YearMonth(2026, 5), new YearMonth(2026, 2))))
            .Error.Code.ShouldBe("readings.period_range_invalid");
    }

    [DbFact]
    public async Task Expected_consumption_is_average_daily_use_times_days()
    {
        var meter = await _host.RegisterAsync(initial: 0m, installedOn: new LocalDate(2026, 5, 1));
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2026, 6, 1), 3, 0m, 31m);
        var expected = (await _host.SendAsync(new GetExpectedConsumption(meter, 10))).Value;
        // From the installation on 1 May to 1 August: 62 m³ over 92 days.
        expected.HistoryDays.ShouldBe(92);
        expected.ForDays.ShouldBe(decimal.Round(62m / 92m * 10m, 3));
        (await _host.SendAsync(new GetExpectedConsumption(meter, 0))).Error.Code.ShouldBe("readings.days_invalid");
        var stranger = _host.Scopes.UserFor(Guid.NewGuid());
        (await _host.SendAsync(new GetExpectedConsumption(meter, 10), stranger)).Error.Code.ShouldBe("readings.meter_not_found");
    }

    [DbFact]
    public async Task Demo_data_is_deterministic_and_covers_two_years_of_monthly_readings()
    {
        var contracts = new[] { Guid.Parse("6d1f3c2e-0000-4000-8000-000000000001"), Guid.Parse("6d1f3c2e-0000-4000-8000-000000000002") };
        var end = new LocalDate(2026, 10, 28);
        var seeded = await SeedAsync(_host, contracts, end);
        seeded.Import.Imported.ShouldBe(48);
        seeded.Import.Rejected.ShouldBeEmpty();
        var first = await IndexesAsync(_host, seeded.MeterIds[0]);
        first.Count.ShouldBe(25);

        var sibling = await database.CreateSiblingAsync();
        try
        {
            await using var other = await ReadingsHost.StartAsync(sibling);
            var again = await SeedAsync(other, contracts, end);
            (await IndexesAsync(other, again.MeterIds[0])).ShouldBe(first);
        }
        finally
        {
            await sibling.DisposeAsync();
        }
    }

    private static async Task<DemoReadings> SeedAsync(ReadingsHost host, IReadOnlyList<Guid> contracts, LocalDate end)
    {
        await using var scope = host.Host.BeginScope();
        return await ReadingsDemoData.SeedAsync(scope.Resolve<MediatR.IMediator>(), contracts, end);
    }

    private static async Task<List<decimal>> IndexesAsync(ReadingsHost host, Guid meter) =>
        (await host.ReadingsOf(meter)).OrderBy(r => r.ReadingDate).Select(r => r.Index).ToList();
}

public sealed class SqliteConsumptionTests(SqliteDatabase database) : ConsumptionTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresConsumptionTests(PostgresDatabase database) : ConsumptionTests(database), IClassFixture<PostgresDatabase>;
