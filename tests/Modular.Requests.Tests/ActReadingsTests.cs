using Autofac;
using Modular.Core.Events;
using Modular.Readings.Contracts;
using Modular.Requests.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>An act's readings reach Readings as field readings, once; what Readings refused is marked on the act.</summary>
public abstract class ActReadingsTests(TestDatabase database) : IAsyncLifetime
{
    private ActsHost _host = null!;

    public async Task InitializeAsync() => _host = await ActsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Serial() => "SN-" + Guid.NewGuid().ToString("N")[..10];

    [DbFact]
    public async Task A_reading_from_an_act_becomes_one_field_reading_even_when_the_act_is_delivered_again_or_the_reading_also_imported()
    {
        var contract = _host.World.AddContract();
        var serial = Serial();
        var meter = await _host.MeterAsync(contract, serial);
        var taken = new ActReadingTaken(serial, new LocalDate(2026, 11, 20), 123.5m);
        var registered = await _host.SendAsync(_host.Act(contract, 1, readings: [taken]), ActsHost.Supervisor);
        registered.IsSuccess.ShouldBeTrue(registered.ToString());

        await _host.Host.DrainOutboxAsync();
        // The same act announced again (a re-delivery under another event id) and the same reading in the field readers' file.
        await DeliverAsync(new ActRegistered(Guid.NewGuid(), _host.Host.Clock.GetCurrentInstant(), registered.Value.ActId, _host.Number(1),
            contract.ContractId, contract.CustomerId, ActType.Verification, new LocalDate(2026, 11, 20), [taken]));
        using var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"serial,date,index\n{serial},2026-11-20,123.5\n"));
        var imported = await _host.SendAsync(new ImportFieldReadings(csv));
        await _host.Host.DrainOutboxAsync();

        imported.Value.Duplicates.ShouldBe(1);
        var readings = (await _host.ReadingsAsync(meter)).Where(r => r.Source == ReadingSource.FieldReader).ToList();
        var reading = readings.ShouldHaveSingleItem();
        (reading.Index, reading.ReadingDate, reading.Status).ShouldBe((123.5m, new LocalDate(2026, 11, 20), ReadingStatus.Accepted));
        var act = (await _host.SendAsync(new GetAct(registered.Value.ActId))).Value;
        act.Readings.ShouldHaveSingleItem().State.ShouldBe(ActReadingState.Recorded);
    }

    [DbFact]
    public async Task A_reading_readings_refuses_is_marked_refused_on_the_act_with_readings_code()
    {
        var contract = _host.World.AddContract();
        var serial = Serial();
        var meter = await _host.MeterAsync(contract, serial, initial: 500m);
        var elsewhere = _host.World.AddContract();
        var foreignSerial = Serial();
        await _host.MeterAsync(elsewhere, foreignSerial);

        var registered = await _host.SendAsync(_host.Act(contract, 1, readings:
        [
            new ActReadingTaken(serial, new LocalDate(2026, 11, 20), 50m),
            new ActReadingTaken(foreignSerial, new LocalDate(2026, 11, 20), 150m),
        ]), ActsHost.Supervisor);
        await _host.Host.DrainOutboxAsync();

        var act = (await _host.SendAsync(new GetAct(registered.Value.ActId))).Value;
        act.Readings.ShouldAllBe(r => r.State == ActReadingState.Refused);
        act.Readings.Single(r => r.Serial == serial).RefusalCode.ShouldBe("readings.index_lower_than_previous");
        act.Readings.Single(r => r.Serial == foreignSerial).RefusalCode.ShouldBe("readings.meter_not_found");
        (await _host.ReadingsAsync(meter)).ShouldAllBe(r => r.Source != ReadingSource.FieldReader);
    }

    private async Task DeliverAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IIntegrationEvent
    {
        await using var scope = _host.Host.BeginScope();
        foreach (var handler in scope.Resolve<IEnumerable<IIntegrationEventHandler<TEvent>>>())
        {
            await handler.HandleAsync(integrationEvent, default);
        }
    }
}

public sealed class SqliteActReadingsTests(SqliteDatabase database) : ActReadingsTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresActReadingsTests(PostgresDatabase database) : ActReadingsTests(database), IClassFixture<PostgresDatabase>;
