using Modular.Core.Access;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>RecordMeterReading: field readings and estimates entered by staff, through the same rules as field imports.</summary>
public abstract class RecordMeterReadingTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly Caller Supervisor = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]);

    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Core.Results.Result<MeterReadingOutcome>> RecordAsync(Guid meter, LocalDate date, decimal index,
        MeterReadingKind kind = MeterReadingKind.Field, bool confirm = false, bool rollover = false) =>
        _host.SendAsync(new RecordMeterReading(meter, date, index, kind, confirm, rollover), Supervisor);

    [DbFact]
    public async Task A_field_reading_is_stored_outside_the_window_and_entering_it_again_adds_nothing()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        _host.SetLocal(2026, 11, 12);

        var first = await RecordAsync(meter, new LocalDate(2026, 11, 11), 104.5m);
        var again = await RecordAsync(meter, new LocalDate(2026, 11, 11), 104.50m);

        first.IsSuccess.ShouldBeTrue(first.ToString());
        first.Value.Stored.ShouldBeTrue();
        first.Value.Consumption.ShouldBe(4.5m);
        first.Value.Period.ShouldBe(new YearMonth(2026, 11));
        again.Value.AlreadyRecorded.ShouldBeTrue();
        again.Value.ReadingId.ShouldBe(first.Value.ReadingId);
        var reading = (await _host.ReadingsOf(meter)).Where(r => r.Source != ReadingSource.MeterChange).ShouldHaveSingleItem();
        reading.Source.ShouldBe(ReadingSource.FieldReader);
        reading.Quality.ShouldBe(ReadingQuality.Actual);
        // The same reading in a field readers' file is the same row, however the file writes its digits.
        (await _host.ImportAsync($"{await _host.SerialOf(meter)},2026-11-11,104.5")).Duplicates.ShouldBe(1);
        (await _host.ImportAsync($"{await _host.SerialOf(meter)},2026-11-11,104.500")).Duplicates.ShouldBe(1);
    }

    [DbFact]
    public async Task A_reading_imported_with_trailing_zeros_is_the_one_staff_type_later()
    {
        var meter = await _host.RegisterAsync(initial: 100m);

        (await _host.ImportAsync($"{await _host.SerialOf(meter)},2026-11-11,104.50")).Imported.ShouldBe(1);
        var typed = await RecordAsync(meter, new LocalDate(2026, 11, 11), 104.5m);

        typed.Value.AlreadyRecorded.ShouldBeTrue();
        (await _host.ReadingsOf(meter)).Count(r => r.Source == ReadingSource.FieldReader).ShouldBe(1);
    }

    [DbFact]
    public async Task The_same_reading_sent_at_once_from_two_tabs_is_stored_once()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var date = new LocalDate(2026, 11, 20);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RecordAsync(meter, date, 110m))));

        answers.ShouldAllBe(a => a.IsSuccess && a.Value.Stored);
        answers.Select(a => a.Value.ReadingId).Distinct().ShouldHaveSingleItem();
        (await _host.ReadingsOf(meter)).Count(r => r.Source == ReadingSource.FieldReader).ShouldBe(1);
    }

    [DbFact]
    public async Task An_estimate_is_stored_as_estimated_and_the_next_reading_is_compared_with_the_last_actual_one()
    {
        var contract = Guid.NewGuid();
        var meter = await _host.RegisterAsync(contract, initial: 100m);
        _host.SetLocal(2026, 10, 12);
        (await RecordAsync(meter, new LocalDate(2026, 9, 10), 150m)).Value.Stored.ShouldBeTrue();

        var estimate = await RecordAsync(meter, new LocalDate(2026, 10, 10), 200m, MeterReadingKind.Estimate, confirm: true);

        estimate.IsSuccess.ShouldBeTrue(estimate.ToString());
        var stored = (await _host.ReadingsOf(meter)).Single(r => r.Id == estimate.Value.ReadingId);
        stored.Source.ShouldBe(ReadingSource.UtilityEstimate);
        stored.Quality.ShouldBe(ReadingQuality.Estimated);

        // The customer's next reading is below the estimate: measured from the actual 150, not refused as lower than 200.
        _host.SetLocal(2026, 11, 26);
        var customer = await _host.SendAsync(new SubmitReading(meter, 170m, ConfirmWarnings: true));
        customer.IsSuccess.ShouldBeTrue(customer.ToString());
        customer.Value.PreviousIndex.ShouldBe(150m);
        customer.Value.Consumption.ShouldBe(20m);
    }

    [DbFact]
    public async Task An_estimate_is_refused_for_a_period_already_read_and_a_field_reading_replaces_the_periods_estimate()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        _host.SetLocal(2026, 11, 20);
        (await RecordAsync(meter, new LocalDate(2026, 10, 10), 120m)).Value.Stored.ShouldBeTrue();

        (await RecordAsync(meter, new LocalDate(2026, 10, 12), 125m, MeterReadingKind.Estimate)).Error.Code.ShouldBe("readings.period_already_read");

        var estimate = await RecordAsync(meter, new LocalDate(2026, 11, 5), 130m, MeterReadingKind.Estimate, confirm: true);
        estimate.Value.Stored.ShouldBeTrue(estimate.ToString());
        var field = await RecordAsync(meter, new LocalDate(2026, 11, 18), 128m, confirm: true);
        field.IsSuccess.ShouldBeTrue(field.ToString());
        field.Value.Consumption.ShouldBe(8m);
        (await _host.ReadingsOf(meter)).Single(r => r.Id == estimate.Value.ReadingId).Status.ShouldBe(ReadingStatus.Superseded);
    }

    [DbFact]
    public async Task A_lower_index_is_a_rollover_only_when_the_capacity_explains_it_and_staff_confirm_it()
    {
        // A 3-digit register using about 45 m³ a month, last read at 945.
        var meter = await _host.RegisterAsync(initial: 0m, digits: 3, installedOn: new LocalDate(2025, 1, 10));
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2025, 2, 10), 21, 45m, 45m);
        var date = new LocalDate(2026, 11, 20);

        var unconfirmed = await RecordAsync(meter, date, 20m);
        var implausible = await RecordAsync(meter, date, 900m, rollover: true);
        var higher = await RecordAsync(meter, date, 960m, rollover: true);

        unconfirmed.Error.Code.ShouldBe("readings.rollover_not_confirmed");
        unconfirmed.Error.Field.ShouldBe("Index");
        implausible.Error.Code.ShouldBe("readings.index_lower_than_previous");
        higher.Error.Code.ShouldBe("readings.not_a_rollover");
        (await _host.ReadingsOf(meter)).ShouldNotContain(r => r.ReadingDate == date);

        var confirmed = await RecordAsync(meter, date, 20m, rollover: true);
        confirmed.IsSuccess.ShouldBeTrue(confirmed.ToString());
        confirmed.Value.Rollover.ShouldBeTrue();
        confirmed.Value.Consumption.ShouldBe(75m);
        (await _host.ReadingsOf(meter)).Single(r => r.ReadingDate == date).Rollover.ShouldBeTrue();
    }

    [DbFact]
    public async Task Warnings_store_nothing_until_confirmed()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2025, 2, 10), 21, 105m, 5m);
        var date = new LocalDate(2026, 11, 20);

        var warned = await RecordAsync(meter, date, 400m);

        warned.IsSuccess.ShouldBeTrue(warned.ToString());
        warned.Value.Stored.ShouldBeFalse();
        warned.Value.NeedsConfirmation.ShouldBeTrue();
        warned.Warnings.Select(w => w.Code).ShouldContain("readings.consumption_high");
        (await _host.ReadingsOf(meter)).ShouldNotContain(r => r.ReadingDate == date);
        (await RecordAsync(meter, date, 400m, confirm: true)).Value.Stored.ShouldBeTrue();
    }

    [DbFact]
    public async Task Bad_input_is_refused_with_its_code_and_changes_nothing()
    {
        var meter = await _host.RegisterAsync(initial: 100m, digits: 5, decimals: 3);
        var before = await _host.ReadingsOf(meter);

        (await RecordAsync(meter, new LocalDate(2026, 11, 27), 110m)).Error.Code.ShouldBe("readings.date_in_future");
        (await RecordAsync(meter, new LocalDate(2026, 11, 20), 100000m)).Error.Code.ShouldBe("readings.index_too_large");
        (await RecordAsync(meter, new LocalDate(2026, 11, 20), 110.1234m)).Error.Code.ShouldBe("readings.index_too_many_decimals");
        (await RecordAsync(meter, new LocalDate(2026, 11, 20), -1m)).Error.Code.ShouldBe("readings.index_negative");
        (await RecordAsync(meter, new LocalDate(2024, 11, 20), 110m)).Error.Code.ShouldBe("readings.date_before_install");
        (await RecordAsync(meter, new LocalDate(2026, 11, 20), 110m, (MeterReadingKind)7)).Error.Code.ShouldBe("readings.reading_kind_invalid");
        (await RecordAsync(Guid.NewGuid(), new LocalDate(2026, 11, 20), 110m)).Error.Code.ShouldBe("readings.meter_not_found");

        (await _host.ReadingsOf(meter)).Count.ShouldBe(before.Count);
    }

    [DbFact]
    public async Task Only_staff_who_manage_meters_record_readings_and_a_removed_meter_takes_none()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier]);
        var agent = Caller.Staff(Guid.NewGuid(), [StaffRoles.CustomerService]);
        var customer = _host.Scopes.UserFor(Guid.NewGuid());
        var request = new RecordMeterReading(meter, new LocalDate(2026, 11, 20), 110m, MeterReadingKind.Field);

        (await _host.SendAsync(request, cashier)).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(request, agent)).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(request, customer)).Error.Code.ShouldBe("core.forbidden");
        (await _host.ReadingsOf(meter)).Count(r => r.Source == ReadingSource.FieldReader).ShouldBe(0);

        var replaced = await _host.SendAsync(new ReplaceMeter(meter, 105m, new LocalDate(2026, 11, 15), "R-" + Guid.NewGuid().ToString("N")[..8], 5, 3, 0m, null));
        replaced.IsSuccess.ShouldBeTrue(replaced.ToString());
        (await RecordAsync(meter, new LocalDate(2026, 11, 20), 110m)).Error.Code.ShouldBe("readings.meter_removed");
    }
}

public sealed class SqliteRecordMeterReadingTests(SqliteDatabase database) : RecordMeterReadingTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresRecordMeterReadingTests(PostgresDatabase database) : RecordMeterReadingTests(database), IClassFixture<PostgresDatabase>;
