using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>
/// Window edges at local midnight on the 25th and after the last day, in the utility's zone, across the end of DST
/// (25.10.2026 is itself the last Sunday of October) and in February of the leap year 2028.
/// </summary>
public abstract class WindowEdgeTests(TestDatabase database)
{
    public static TheoryData<string> Zones => new() { "Europe/Bucharest", "Europe/Riga" };

    [DbTheory]
    [MemberData(nameof(Zones))]
    public async Task The_window_opens_at_local_midnight_on_the_25th_and_closes_at_local_midnight_after_the_last_day(string zone)
    {
        await using var host = await ReadingsHost.StartAsync(database, zone);
        var meter = await host.RegisterAsync(initial: 100m, installedOn: new LocalDate(2026, 1, 5));

        // October 2026: still summer time (UTC+3) when it opens, winter time (UTC+2) when it closes.
        await ExpectAsync(host, meter, Instant.FromUtc(2026, 10, 24, 20, 59, 59), open: false, opensOn: new LocalDate(2026, 10, 25));
        await ExpectAsync(host, meter, Instant.FromUtc(2026, 10, 24, 21, 0, 0), open: true, opensOn: new LocalDate(2026, 10, 25));
        await ExpectAsync(host, meter, Instant.FromUtc(2026, 10, 31, 21, 59, 59), open: true, opensOn: new LocalDate(2026, 10, 25));
        await ExpectAsync(host, meter, Instant.FromUtc(2026, 10, 31, 22, 0, 0), open: false, opensOn: new LocalDate(2026, 11, 25));

        // February 2028 has 29 days; winter time (UTC+2).
        await ExpectAsync(host, meter, Instant.FromUtc(2028, 2, 24, 21, 59, 59), open: false, opensOn: new LocalDate(2028, 2, 25));
        await ExpectAsync(host, meter, Instant.FromUtc(2028, 2, 24, 22, 0, 0), open: true, opensOn: new LocalDate(2028, 2, 25));
        await ExpectAsync(host, meter, Instant.FromUtc(2028, 2, 29, 21, 59, 59), open: true, opensOn: new LocalDate(2028, 2, 25));
        await ExpectAsync(host, meter, Instant.FromUtc(2028, 2, 29, 22, 0, 0), open: false, opensOn: new LocalDate(2028, 3, 25));
    }

    [DbTheory]
    [MemberData(nameof(Zones))]
    public async Task Submissions_follow_the_window_edges_in_the_utility_zone(string zone)
    {
        await using var host = await ReadingsHost.StartAsync(database, zone);
        var meter = await host.RegisterAsync(initial: 100m, installedOn: new LocalDate(2026, 1, 5));

        host.Clock.Set(ReadingsHost.LocalAt(zone, 2026, 10, 24, 23, 59, 59));
        (await host.SendAsync(new SubmitReading(meter, 101m))).Error.Code.ShouldBe("readings.window_closed");
        host.Clock.Set(ReadingsHost.LocalAt(zone, 2026, 10, 25));
        var opened = await host.SendAsync(new SubmitReading(meter, 101m));
        opened.Value.Period.ShouldBe(new YearMonth(2026, 10));

        // After the clocks go back (04:00 summer time becomes 03:00 winter time) the window is still open.
        host.Clock.Set(Instant.FromUtc(2026, 10, 25, 1, 30));
        (await host.SendAsync(new SubmitReading(meter, 102m))).Value.Stored.ShouldBeTrue();
        host.Clock.Set(ReadingsHost.LocalAt(zone, 2026, 10, 31, 23, 59, 59));
        (await host.SendAsync(new SubmitReading(meter, 103m))).Value.Period.ShouldBe(new YearMonth(2026, 10));
        host.Clock.Set(ReadingsHost.LocalAt(zone, 2026, 11, 1));
        var closed = await host.SendAsync(new SubmitReading(meter, 104m));
        closed.Error.Code.ShouldBe("readings.window_closed");
        closed.Error.Arguments["opensOn"].ShouldBe(new NodaTime.LocalDate(2026, 11, 25));

        host.Clock.Set(ReadingsHost.LocalAt(zone, 2028, 2, 29, 23, 59, 59));
        (await host.SendAsync(new SubmitReading(meter, 110m))).Value.Period.ShouldBe(new YearMonth(2028, 2));
        host.Clock.Set(ReadingsHost.LocalAt(zone, 2028, 3, 1));
        (await host.SendAsync(new SubmitReading(meter, 111m))).Error.Code.ShouldBe("readings.window_closed");
    }

    [DbFact]
    public async Task A_window_crossing_into_the_next_month_belongs_to_the_month_it_opened_in()
    {
        var settings = new Dictionary<string, string?> { ["Modular:Readings:WindowStartDay"] = "25", ["Modular:Readings:WindowEndDay"] = "5" };
        await using var host = await ReadingsHost.StartAsync(database, "Europe/Riga", ReadingsHost.LocalAt("Europe/Riga", 2026, 12, 5, 23, 59, 59), settings);
        var meter = await host.RegisterAsync(initial: 100m);
        var window = (await host.SendAsync(new GetReadingWindow(meter))).Value;
        window.IsOpen.ShouldBeTrue();
        window.Period.ShouldBe(new YearMonth(2026, 11));
        window.ClosesOn.ShouldBe(new LocalDate(2026, 12, 5));
        (await host.SendAsync(new SubmitReading(meter, 101m))).Value.Period.ShouldBe(new YearMonth(2026, 11));

        host.Clock.Set(ReadingsHost.LocalAt("Europe/Riga", 2026, 12, 6));
        var closed = (await host.SendAsync(new GetReadingWindow(meter))).Value;
        closed.IsOpen.ShouldBeFalse();
        closed.NextOpensOn.ShouldBe(new LocalDate(2026, 12, 25));
    }

    [DbFact]
    public async Task A_crossing_window_that_starts_after_the_28th_stops_the_host()
    {
        var settings = new Dictionary<string, string?> { ["Modular:Readings:WindowStartDay"] = "30", ["Modular:Readings:WindowEndDay"] = "3" };
        var failure = await Should.ThrowAsync<Exception>(() => ReadingsHost.StartAsync(database, settings: settings));
        failure.ToString().ShouldContain("WindowStartDay");
    }

    private static async Task ExpectAsync(ReadingsHost host, Guid meter, Instant at, bool open, LocalDate opensOn)
    {
        host.Clock.Set(at);
        var window = (await host.SendAsync(new GetReadingWindow(meter))).Value;
        window.IsOpen.ShouldBe(open, $"at {at}");
        window.OpensOn.ShouldBe(opensOn, $"at {at}");
    }
}

public sealed class SqliteWindowEdgeTests(SqliteDatabase database) : WindowEdgeTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresWindowEdgeTests(PostgresDatabase database) : WindowEdgeTests(database), IClassFixture<PostgresDatabase>;
