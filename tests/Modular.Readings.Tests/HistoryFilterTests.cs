using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>A history asked for one status or a date range gets only those readings, whatever else the meter kept.</summary>
public abstract class HistoryFilterTests(TestDatabase database) : IAsyncLifetime
{
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Accepted_readings_only_leave_out_the_superseded_revisions()
    {
        var contract = Guid.NewGuid();
        var meter = await _host.RegisterAsync(contract, initial: 100m);
        (await _host.SendAsync(new SubmitReading(meter, 110m))).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new SubmitReading(meter, 111m))).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new SubmitReading(meter, 112m))).IsSuccess.ShouldBeTrue();

        var all = (await _host.SendAsync(new GetReadingHistory(null, contract))).Value;
        var accepted = (await _host.SendAsync(new GetReadingHistory(null, contract, Status: ReadingStatus.Accepted))).Value;

        all.Count(r => r.Status == ReadingStatus.Superseded).ShouldBe(2);
        accepted.ShouldAllBe(r => r.Status == ReadingStatus.Accepted);
        accepted.Select(r => r.Index).ShouldContain(112m);
        accepted.Select(r => r.Index).ShouldNotContain(110m);
        accepted.Count.ShouldBe(all.Count - 2);
    }

    [DbFact]
    public async Task A_date_range_after_every_reading_returns_none()
    {
        var contract = Guid.NewGuid();
        var meter = await _host.RegisterAsync(contract, initial: 100m);
        (await _host.SendAsync(new SubmitReading(meter, 110m))).IsSuccess.ShouldBeTrue();
        var today = _host.Clock.GetCurrentInstant().InUtc().Date;

        (await _host.SendAsync(new GetReadingHistory(meter, null, From: today.PlusDays(2)))).Value.ShouldBeEmpty();
        (await _host.SendAsync(new GetReadingHistory(meter, null, To: today.PlusDays(2)))).Value.ShouldNotBeEmpty();
    }
}

public sealed class SqliteHistoryFilterTests(SqliteDatabase database) : HistoryFilterTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresHistoryFilterTests(PostgresDatabase database) : HistoryFilterTests(database), IClassFixture<PostgresDatabase>;
