using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>The dashboard's reading window: the first self-read meter in service of the caller's contracts, by serial.</summary>
public abstract class MyReadingWindowTests(TestDatabase database) : IAsyncLifetime
{
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task The_window_is_the_first_self_read_meters_as_the_meter_list_shows_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ended = Guid.NewGuid();
        var running = Guid.NewGuid();
        await _host.RegisterAsync(running, serial: "A0-" + suffix, selfRead: false);
        await _host.RegisterAsync(running, serial: "B0-" + suffix);
        await _host.RegisterAsync(ended, serial: "A1-" + suffix);
        await _host.ContractTermsAsync(ended, new LocalDate(2020, 1, 1), new LocalDate(2026, 7, 23));
        var user = _host.Scopes.UserFor(ended, running);

        var window = await _host.SendAsync(new GetMyReadingWindow(), user);

        window.IsSuccess.ShouldBeTrue(window.ToString());
        var meters = (await _host.SendAsync(new GetMyMeters(), user)).Value;
        var first = meters.First(m => m.RemovedOn is null && m.SelfReadAllowed);
        first.Serial.ShouldBe("A1-" + suffix);
        window.Value.ShouldBe(first.Window);
        window.Value.IsOpen.ShouldBeTrue();
        window.Value.CanSubmit.ShouldBeFalse("the first self-read meter's contract has ended");
    }

    [DbFact]
    public async Task A_caller_without_a_self_read_meter_gets_meter_not_found()
    {
        var contract = Guid.NewGuid();
        await _host.RegisterAsync(contract, selfRead: false);

        var window = await _host.SendAsync(new GetMyReadingWindow(), _host.Scopes.UserFor(contract));

        window.Error.Code.ShouldBe("readings.meter_not_found");
    }
}

public sealed class SqliteMyReadingWindowTests(SqliteDatabase database) : MyReadingWindowTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresMyReadingWindowTests(PostgresDatabase database) : MyReadingWindowTests(database), IClassFixture<PostgresDatabase>;
