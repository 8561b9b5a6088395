using Autofac;
using Modular.Core.Localization;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>A meter takes no readings after its contract's end, as Accounts announces it (ContractTermsChanged).</summary>
public abstract class ContractEndTests(TestDatabase database) : IAsyncLifetime
{
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_customer_reading_after_the_contracts_end_is_refused_with_the_end_date_and_changes_nothing()
    {
        var contract = Guid.NewGuid();
        var meter = await _host.RegisterAsync(contract, initial: 100m);
        await _host.ContractTermsAsync(contract, new LocalDate(2020, 1, 1), new LocalDate(2026, 7, 23));
        var user = _host.Scopes.UserFor(contract);

        var result = await _host.SendAsync(new SubmitReading(meter, 110m), user);

        result.Error.Code.ShouldBe("readings.contract_ended");
        var texts = _host.Host.Container.Resolve<ITextCatalog>();
        foreach (var (culture, date) in new[] { ("ro", "23.07.2026"), ("en", "23/07/2026"), ("lv", "23.07.2026") })
        {
            texts.Describe(result.Error, culture).ShouldContain(date, customMessage: "the end date as " + culture + " writes it");
        }

        (await _host.ReadingsOf(meter)).Count.ShouldBe(1);
        (await _host.EventsAbout(meter)).ShouldBeEmpty();
        var window = (await _host.SendAsync(new GetReadingWindow(meter), user)).Value;
        window.IsOpen.ShouldBeTrue();
        window.CanSubmit.ShouldBeFalse();
        (await _host.SendAsync(new GetMyMeters(), user)).Value.Single().Window.CanSubmit.ShouldBeFalse();
    }

    [DbFact]
    public async Task Readings_up_to_the_end_date_are_taken_and_field_readings_after_it_are_refused()
    {
        var contract = Guid.NewGuid();
        var meter = await _host.RegisterAsync(contract, initial: 100m, installedOn: new LocalDate(2025, 1, 10));
        await _host.ContractTermsAsync(contract, new LocalDate(2020, 1, 1), new LocalDate(2026, 8, 31));
        var serial = await _host.SerialOf(meter);

        var report = await _host.ImportAsync($"{serial},2026-08-31,150", $"{serial},2026-09-30,160");

        report.Imported.ShouldBe(1);
        report.Rejected.Single().Code.ShouldBe("readings.contract_ended");
        (await _host.SendAsync(new SubmitReading(meter, 170m))).Error.Code.ShouldBe("readings.contract_ended");
    }

    [DbFact]
    public async Task A_contract_whose_end_is_lifted_takes_readings_again_and_a_late_older_event_changes_nothing()
    {
        var contract = Guid.NewGuid();
        var meter = await _host.RegisterAsync(contract, initial: 100m);
        var now = _host.Clock.GetCurrentInstant();
        await _host.ContractTermsAsync(contract, new LocalDate(2020, 1, 1), new LocalDate(2026, 7, 23), now - Duration.FromDays(2));
        await _host.ContractTermsAsync(contract, new LocalDate(2020, 1, 1), null, now - Duration.FromDays(1));
        await _host.ContractTermsAsync(contract, new LocalDate(2020, 1, 1), new LocalDate(2026, 7, 23), now - Duration.FromDays(3));

        var result = await _host.SendAsync(new SubmitReading(meter, 110m));

        result.IsSuccess.ShouldBeTrue(result.ToString());
        result.Value.Stored.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_meter_whose_contract_has_no_announced_dates_takes_readings()
    {
        var meter = await _host.RegisterAsync(initial: 100m);

        (await _host.SendAsync(new SubmitReading(meter, 110m))).Value.Stored.ShouldBeTrue();
    }
}

public sealed class SqliteContractEndTests(SqliteDatabase database) : ContractEndTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresContractEndTests(PostgresDatabase database) : ContractEndTests(database), IClassFixture<PostgresDatabase>;
