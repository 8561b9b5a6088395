using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>Field reading import, meter registration and replacement, history export, window opening events.</summary>
public abstract class FieldAndMeterTests(TestDatabase database) : IAsyncLifetime
{
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Field_readings_are_accepted_outside_the_window_and_importing_again_adds_nothing()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var serial = await _host.SerialOf(meter);
        _host.SetLocal(2026, 11, 12);
        var first = await _host.ImportAsync($"{serial},2026-11-11,104.5");
        first.Imported.ShouldBe(1);
        var again = await _host.ImportAsync($"{serial},2026-11-11,104.5");
        again.Imported.ShouldBe(0);
        again.Duplicates.ShouldBe(1);
        (await _host.ReadingsOf(meter)).Count(r => r.Source == ReadingSource.FieldReader).ShouldBe(1);

        var older = await _host.ImportAsync($"{serial},2026-10-05,102");
        older.Rejected.Single().Code.ShouldBe("readings.later_reading_exists");
    }

    [DbFact]
    public async Task A_field_reading_takes_precedence_over_the_customers_reading_of_the_same_period()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var serial = await _host.SerialOf(meter);
        var customer = await _host.SendAsync(new SubmitReading(meter, 130m));
        (await _host.ImportAsync($"{serial},2026-11-26,128")).Imported.ShouldBe(1);

        var readings = await _host.ReadingsOf(meter);
        readings.Single(r => r.Id == customer.Value.ReadingId).Status.ShouldBe(ReadingStatus.Superseded);
        readings.Single(r => r.Source == ReadingSource.FieldReader).Consumption.ShouldBe(28m);
        (await _host.SendAsync(new SubmitReading(meter, 131m))).Error.Code.ShouldBe("readings.period_read_by_utility");
    }

    [DbFact]
    public async Task Bad_import_rows_are_reported_by_line_and_do_not_block_the_others()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var serial = await _host.SerialOf(meter);
        var report = await _host.ImportAsync("UNKNOWN-1,2026-11-20,5", $"{serial},20.11.2026,5", $"{serial},2026-11-20,90", $"{serial},2026-11-20,101");
        report.Rows.ShouldBe(4);
        report.Imported.ShouldBe(1);
        report.Rejected.Select(r => (r.Line, r.Code)).ShouldBe([
            (2, "readings.meter_not_found"), (3, "readings.csv_row_invalid"), (4, "readings.index_lower_than_previous")]);
    }

    [DbFact]
    public async Task Registering_a_serial_twice_is_refused()
    {
        var serial = "DUP-" + Guid.NewGuid().ToString("N")[..8];
        await _host.RegisterAsync(serial: serial);
        var again = await _host.SendAsync(new RegisterMeter(serial, Guid.NewGuid(), 5, 3, new LocalDate(2026, 1, 1), 0m, null, true));
        again.Error.Code.ShouldBe("readings.serial_taken");
        var invalid = await _host.SendAsync(new RegisterMeter(" ", Guid.Empty, 0, 7, new LocalDate(2026, 1, 1), 0m, null, true));
        invalid.Errors.Select(e => e.Code).ShouldBe(
            ["readings.serial_required", "readings.digits_invalid", "readings.decimals_invalid", "readings.contract_required"], ignoreOrder: true);
    }

    [DbFact]
    public async Task A_replacement_records_both_indexes_and_the_period_consumption_adds_both_parts()
    {
        var contract = Guid.NewGuid();
        var old = await _host.RegisterAsync(contract, initial: 100m);
        var serial = await _host.SerialOf(old);
        _host.SetLocal(2026, 10, 12);
        (await _host.ImportAsync($"{serial},2026-10-10,150")).Imported.ShouldBe(1);
        _host.SetLocal(2026, 11, 15);
        var replaced = await _host.SendAsync(new ReplaceMeter(old, 160m, new LocalDate(2026, 11, 15), "NEW-" + serial, 5, 3, 0m, null));
        replaced.IsSuccess.ShouldBeTrue(replaced.ToString());
        _host.SetLocal(2026, 11, 26);

        (await _host.SendAsync(new SubmitReading(old, 170m))).Error.Code.ShouldBe("readings.meter_removed");
        (await _host.SendAsync(new SubmitReading(replaced.Value, 5m))).Value.Consumption.ShouldBe(5m);
        var meters = (await _host.SendAsync(new GetMetersForContract(contract))).Value;
        meters.Single(m => m.MeterId == old).FinalIndex.ShouldBe(160m);
        meters.Single(m => m.MeterId == replaced.Value).InitialIndex.ShouldBe(0m);

        var november = (await _host.SendAsync(new GetBillingConsumption([contract], new YearMonth(2026, 11)))).Value.Single();
        november.Quality.ShouldBe(ConsumptionQuality.Actual);
        november.CubicMeters.ShouldBe(15m);
        november.SincePreviousActual.ShouldBe(15m);
        november.PreviousActualDate.ShouldBe(new LocalDate(2026, 10, 10));
    }

    [DbFact]
    public async Task A_replacement_supersedes_the_periods_customer_reading_so_consumption_is_counted_once()
    {
        var contract = Guid.NewGuid();
        var old = await _host.RegisterAsync(contract, initial: 100m);
        (await _host.SendAsync(new SubmitReading(old, 110m))).Value.Stored.ShouldBeTrue();
        _host.SetLocal(2026, 11, 28);
        var replaced = await _host.SendAsync(new ReplaceMeter(old, 112m, new LocalDate(2026, 11, 28), "C-" + Guid.NewGuid().ToString("N")[..8], 5, 3, 0m, null));
        replaced.IsSuccess.ShouldBeTrue(replaced.ToString());

        (await _host.ReadingsOf(old)).Single(r => r.Source == ReadingSource.CustomerPortal).Status.ShouldBe(ReadingStatus.Superseded);
        var november = (await _host.SendAsync(new GetBillingConsumption([contract], new YearMonth(2026, 11)))).Value.Single();
        november.SincePreviousActual.ShouldBe(12m);

        // A replacement dated before a reading the meter already has would rewrite history: refused.
        var older = await _host.RegisterAsync(initial: 100m);
        (await _host.SendAsync(new SubmitReading(older, 105m))).Value.Stored.ShouldBeTrue();
        (await _host.ImportAsync($"{await _host.SerialOf(older)},2026-11-28,107")).Imported.ShouldBe(1);
        var early = await _host.SendAsync(new ReplaceMeter(older, 106m, new LocalDate(2026, 11, 27), "E-" + Guid.NewGuid().ToString("N")[..8], 5, 3, 0m, null));
        early.Error.Code.ShouldBe("readings.later_reading_exists");
    }

    [DbFact]
    public async Task A_replacement_with_a_lower_final_index_is_refused()
    {
        var old = await _host.RegisterAsync(initial: 100m);
        var result = await _host.SendAsync(new ReplaceMeter(old, 50m, new LocalDate(2026, 11, 20), "R-" + Guid.NewGuid().ToString("N")[..8], 5, 3, 0m, null));
        result.Error.Code.ShouldBe("readings.index_lower_than_previous");
        (await _host.ReadingsOf(old)).Count.ShouldBe(1);
    }

    [DbFact]
    public async Task The_history_exports_as_csv()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        await _host.SendAsync(new SubmitReading(meter, 112.5m));
        var csv = (await _host.SendAsync(new ExportReadingHistory(meter, null))).Value;
        var lines = csv.Content.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("serial,period,date,index,consumption,rollover,source,quality,status");
        lines[1].ShouldEndWith(",2026-11,2026-11-26,112.5,12.5,no,CustomerPortal,Actual,Accepted");
        lines.Length.ShouldBe(3);
        (await _host.SendAsync(new ExportReadingHistory(null, null))).Error.Code.ShouldBe("readings.meter_or_contract_required");
    }

    [DbFact]
    public async Task The_window_opened_event_goes_out_once_per_period_and_only_once_the_window_is_open()
    {
        _host.SetLocal(2027, 1, 24);
        (await _host.SendAsync(new OpenReadingWindow())).Value.ShouldBeFalse();
        _host.SetLocal(2027, 1, 25, 0, 5);
        (await _host.SendAsync(new OpenReadingWindow())).Value.ShouldBeTrue();
        (await _host.SendAsync(new OpenReadingWindow())).Value.ShouldBeFalse();
        (await _host.SendAsync(new OpenReadingWindow(new YearMonth(2027, 1)))).Value.ShouldBeFalse();
        (await _host.SendAsync(new OpenReadingWindow(new YearMonth(2027, 2)))).Value.ShouldBeFalse();

        // The class shares its database: other tests may publish other periods.
        var events = (await _host.Outbox()).Where(m => m.Type.Contains(nameof(ReadingWindowOpened), StringComparison.Ordinal)
            && m.Payload.Contains("2027-01-25", StringComparison.Ordinal)).ToList();
        events.Count.ShouldBe(1);
        events[0].Payload.ShouldContain("2027-01-31");
    }
}

public sealed class SqliteFieldAndMeterTests(SqliteDatabase database) : FieldAndMeterTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresFieldAndMeterTests(PostgresDatabase database) : FieldAndMeterTests(database), IClassFixture<PostgresDatabase>;
