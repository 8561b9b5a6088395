using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Modular.Core.Persistence;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>What a submission reads does not depend on how long the meter's history is (counted, never timed).</summary>
public abstract class BoundedHistoryTests(TestDatabase database) : IAsyncLifetime
{
    private readonly SqlCounter _counter = new();
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database, services: s => s.AddSingleton<IInterceptor>(_counter));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_submission_reads_the_same_rows_for_a_meter_with_ten_readings_as_for_one_with_thousands()
    {
        // Both meters have the same last 18 months; the old one also ten years before them and 3,000 superseded revisions.
        var young = await _host.RegisterAsync(initial: 1500m, installedOn: new LocalDate(2025, 5, 1), digits: 6);
        var old = await _host.RegisterAsync(initial: 0m, installedOn: new LocalDate(2015, 1, 1), digits: 6);
        await InsertMonthlyAsync(young, new LocalDate(2025, 5, 10), 18, 1500m, superseded: 0);
        await InsertMonthlyAsync(old, new LocalDate(2015, 2, 10), 141, 1670m - 1400m, superseded: 3000);
        (await _host.ReadingsOf(young)).Count.ShouldBe(19);
        (await _host.ReadingsOf(old)).Count.ShouldBe(3142);

        var shortCost = await SubmitCountedAsync(young, 1690m);
        var longCost = await SubmitCountedAsync(old, 1690m);

        longCost.Commands.ShouldBe(shortCost.Commands, string.Join("\n", _counter.CommandTexts));
        longCost.Rows.ShouldBe(shortCost.Rows);
        longCost.Rows.ShouldBeLessThan(30);
        longCost.Outcome.Consumption.ShouldBe(shortCost.Outcome.Consumption);
        longCost.Outcome.PreviousIndex.ShouldBe(1670m);
    }

    [DbFact]
    public async Task A_meter_view_reads_the_same_rows_for_a_meter_with_ten_readings_as_for_one_with_thousands()
    {
        var (youngContract, oldContract) = (Guid.NewGuid(), Guid.NewGuid());
        var young = await _host.RegisterAsync(youngContract, initial: 1500m, installedOn: new LocalDate(2025, 5, 1), digits: 6);
        var old = await _host.RegisterAsync(oldContract, initial: 0m, installedOn: new LocalDate(2015, 1, 1), digits: 6);
        await InsertMonthlyAsync(young, new LocalDate(2025, 5, 10), 18, 1500m, superseded: 0);
        await InsertMonthlyAsync(old, new LocalDate(2015, 2, 10), 141, 1670m - 1400m, superseded: 3000);

        var shortView = await ViewCountedAsync(youngContract);
        var longView = await ViewCountedAsync(oldContract);

        longView.Commands.ShouldBe(shortView.Commands, string.Join("\n", _counter.CommandTexts));
        longView.Rows.ShouldBe(shortView.Rows);
        longView.Rows.ShouldBeLessThan(10);
        (longView.View.PreviousIndex, longView.View.PreviousReadingDate, longView.View.CurrentPeriodIndex).ShouldBe((1670m, new LocalDate(2026, 10, 10), null));
        (shortView.View.PreviousIndex, shortView.View.PreviousReadingDate).ShouldBe((1670m, new LocalDate(2026, 10, 10)));

        // A reading of the window's period shows apart from the previous one, and a correction replaces it.
        await SubmitCountedAsync(old, 1680m);
        await SubmitCountedAsync(old, 1685m);
        var corrected = await ViewCountedAsync(oldContract);
        (corrected.View.PreviousIndex, corrected.View.CurrentPeriodIndex).ShouldBe((1670m, 1685m));
    }

    [DbFact]
    public async Task The_meters_of_many_contracts_come_in_the_same_few_queries_as_one_contract_and_show_what_each_contract_shows()
    {
        var contracts = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (contract, i) in contracts.Select((c, i) => (c, i)))
        {
            var meter = await _host.RegisterAsync(contract, initial: 100m * i, installedOn: new LocalDate(2025, 5, 1), digits: 6);
            await InsertMonthlyAsync(meter, new LocalDate(2025, 5, 10), 12, 100m * i, superseded: i);
        }

        _counter.Reset();
        var one = await _host.SendAsync(new GetMetersForContracts(contracts.Take(1).ToList()));
        var oneCommands = _counter.Commands;
        _counter.Reset();
        var all = await _host.SendAsync(new GetMetersForContracts([.. contracts, Guid.NewGuid()]));

        all.IsSuccess.ShouldBeTrue(all.ToString());
        _counter.Commands.ShouldBe(oneCommands, string.Join("\n", _counter.CommandTexts));
        all.Value.Count.ShouldBe(40);
        one.Value.ShouldHaveSingleItem();
        foreach (var contract in contracts.Take(5))
        {
            var alone = (await _host.SendAsync(new GetMetersForContract(contract))).Value.ShouldHaveSingleItem();
            all.Value.Single(m => m.ContractId == contract).ShouldBe(alone);
        }

        var tooMany = await _host.SendAsync(new GetMetersForContracts(Enumerable.Range(0, 5_001).Select(_ => Guid.NewGuid()).ToList()));
        tooMany.IsFailure.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_meter_unread_for_years_is_still_compared_with_its_last_reading()
    {
        var meter = await _host.RegisterAsync(initial: 0m, installedOn: new LocalDate(2015, 1, 1), digits: 6);
        await InsertMonthlyAsync(meter, new LocalDate(2015, 2, 10), 24, 10m, superseded: 100);

        var result = await _host.SendAsync(new SubmitReading(meter, 300m, ConfirmWarnings: true));

        result.IsSuccess.ShouldBeTrue(result.ToString());
        result.Value.PreviousIndex.ShouldBe(240m);
        result.Value.PreviousDate.ShouldBe(new LocalDate(2017, 1, 10));
        (await _host.SendAsync(new SubmitReading(meter, 239m))).Error.Code.ShouldBe("readings.index_lower_than_previous");
    }

    private async Task<(int Commands, long Rows, SubmissionOutcome Outcome)> SubmitCountedAsync(Guid meter, decimal index)
    {
        _counter.Reset();
        var result = await _host.SendAsync(new SubmitReading(meter, index));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        result.Value.Stored.ShouldBeTrue();
        result.Warnings.ShouldBeEmpty();
        return (_counter.Commands, _counter.Rows, result.Value);
    }

    private async Task<(int Commands, long Rows, MeterView View)> ViewCountedAsync(Guid contractId)
    {
        _counter.Reset();
        var result = await _host.SendAsync(new GetMetersForContract(contractId));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return (_counter.Commands, _counter.Rows, result.Value.ShouldHaveSingleItem());
    }

    /// <summary>Monthly accepted readings 10 m³ apart on the 10th, written directly, with superseded revisions spread over them.</summary>
    private Task InsertMonthlyAsync(Guid meterId, LocalDate from, int months, decimal start, int superseded) =>
        _host.Host.WithContextAsync<ReadingsDbContext, int>(async db =>
        {
            var meter = await db.Meters.FindAsync(meterId);
            for (var i = 0; i < months; i++)
            {
                var date = from.PlusMonths(i);
                var accepted = Row(meter!, start + (10m * i), date, i == 0 ? start - meter!.InitialIndex : 10m, ReadingSource.FieldReader, ReadingStatus.Accepted);
                db.Readings.Add(accepted);
                for (var r = i; r < superseded; r += months)
                {
                    var revision = Row(meter!, accepted.Index - 1m, date.PlusDays(-1), 9m, ReadingSource.CustomerPortal, ReadingStatus.Superseded);
                    revision.SupersededBy = accepted.Id;
                    db.Readings.Add(revision);
                }
            }

            return await db.SaveChangesAsync();
        });

    private static Reading Row(Meter meter, decimal index, LocalDate date, decimal consumption, ReadingSource source, ReadingStatus status) => new()
    {
        Id = Guid.NewGuid(), MeterId = meter.Id, ContractId = meter.ContractId, Index = index, ReadingDate = date, Period = (date.Year * 100) + date.Month,
        SubmittedAt = Instant.FromUtc(date.Year, date.Month, date.Day, 9, 0), Source = source, Quality = ReadingQuality.Actual, Status = status,
        Consumption = consumption,
    };
}

public sealed class SqliteBoundedHistoryTests(SqliteDatabase database) : BoundedHistoryTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresBoundedHistoryTests(PostgresDatabase database) : BoundedHistoryTests(database), IClassFixture<PostgresDatabase>;
