using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>Simultaneous writes with real parallel tasks: together they never break a rule.</summary>
public abstract class ConcurrencyTests(TestDatabase database) : IAsyncLifetime
{
    private const int Parallel = 8;
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Simultaneous_submissions_for_one_meter_leave_exactly_one_accepted_reading_for_the_period()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var results = await Task.WhenAll(Enumerable.Range(1, Parallel)
            .Select(i => Task.Run(() => _host.SendAsync(new SubmitReading(meter, 100m + i)))));

        results.ShouldAllBe(r => r.IsSuccess && r.Value.Stored);
        var readings = await _host.ReadingsOf(meter);
        var period = readings.Where(r => r.Source == ReadingSource.CustomerPortal).ToList();
        period.Count.ShouldBe(Parallel);
        var accepted = period.Where(r => r.Status == ReadingStatus.Accepted).ToList();
        accepted.Count.ShouldBe(1);
        accepted[0].Consumption.ShouldBe(accepted[0].Index - 100m);
        period.Count(r => r.Status == ReadingStatus.Superseded && r.SupersededBy != null).ShouldBe(Parallel - 1);
    }

    [DbFact]
    public async Task Sixteen_submissions_at_once_for_one_meter_each_get_the_rules_answer_and_leave_one_consistent_history()
    {
        var meter = await _host.RegisterAsync(initial: 100m, installedOn: new LocalDate(2025, 10, 5));
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2025, 11, 10), 12, 110m, 10m);

        // Twelve plausible values, two below the previous index and two far too high without confirmation.
        var values = Enumerable.Range(1, 12).Select(i => 220m + i).Concat([150m, 151m, 900m, 901m]).ToList();
        var answers = await Task.WhenAll(values.Select(v => Task.Run(() => _host.SendAsync(new SubmitReading(meter, v)))));

        answers.Length.ShouldBe(16);
        for (var i = 0; i < 12; i++)
        {
            answers[i].IsSuccess.ShouldBeTrue(answers[i].ToString());
            answers[i].Value.Stored.ShouldBeTrue();
            answers[i].Value.PreviousIndex.ShouldBe(220m);
            answers[i].Value.Consumption.ShouldBe(values[i] - 220m);
        }

        answers[12..14].ShouldAllBe(a => a.IsFailure && a.Error.Code == "readings.index_lower_than_previous");
        answers[14..].ShouldAllBe(a => a.IsSuccess && !a.Value.Stored && a.Value.NeedsConfirmation);

        // The twelve stored readings form one chain: each but the last superseded by a later one, one in force.
        var window = (await _host.ReadingsOf(meter)).Where(r => r.Source == ReadingSource.CustomerPortal).ToList();
        window.Count.ShouldBe(12);
        var accepted = window.Single(r => r.Status == ReadingStatus.Accepted);
        window.Where(r => r.Status == ReadingStatus.Superseded).ShouldAllBe(r => window.Any(w => w.Id == r.SupersededBy));
        window.Select(r => r.SupersededBy).Where(id => id != null).Distinct().Count().ShouldBe(11);
        accepted.Consumption.ShouldBe(accepted.Index - 220m);
        (await _host.EventsAbout(meter)).Count(m => m.Type.Contains(nameof(ReadingAccepted), StringComparison.Ordinal)).ShouldBe(12 + 12);
    }

    [DbFact]
    public async Task A_simultaneous_field_import_and_customer_submission_leave_the_field_reading_in_force()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var serial = await _host.SerialOf(meter);
        var customers = Enumerable.Range(1, Parallel / 2).Select(i => (Task)Task.Run(() => _host.SendAsync(new SubmitReading(meter, 110m + i))));
        var field = Task.Run(() => _host.ImportAsync($"{serial},2026-11-26,120"));
        await Task.WhenAll(customers.Append(field));

        var accepted = (await _host.ReadingsOf(meter)).Where(r => r.Status == ReadingStatus.Accepted && r.Source != ReadingSource.MeterChange).ToList();
        accepted.Count.ShouldBe(1);
        accepted[0].Source.ShouldBe(ReadingSource.FieldReader);
        accepted[0].Consumption.ShouldBe(20m);
    }

    [DbFact]
    public async Task Simultaneous_registrations_of_one_serial_register_one_meter()
    {
        var serial = "PAR-" + Guid.NewGuid().ToString("N")[..8];
        var results = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(() =>
            _host.SendAsync(new RegisterMeter(serial, Guid.NewGuid(), 5, 3, new LocalDate(2026, 1, 1), 0m, null, true)))));
        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "readings.serial_taken");
    }

    [DbFact]
    public async Task Simultaneous_window_openings_publish_one_event()
    {
        _host.SetLocal(2027, 3, 26);
        var results = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(() => _host.SendAsync(new OpenReadingWindow()))));
        results.ShouldAllBe(r => r.IsSuccess);
        results.Count(r => r.Value).ShouldBe(1);
    }
}

public sealed class SqliteConcurrencyTests(SqliteDatabase database) : ConcurrencyTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresConcurrencyTests(PostgresDatabase database) : ConcurrencyTests(database), IClassFixture<PostgresDatabase>;
