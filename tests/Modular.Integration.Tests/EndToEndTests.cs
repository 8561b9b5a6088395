using Autofac;
using MediatR;
using Modular.Accounts;
using Modular.Accounts.Contracts;
using Modular.Billing;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Testing;
using Modular.Payments;
using Modular.Payments.Contracts;
using Modular.Readings;
using Modular.Readings.DemoData;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Integration.Tests;

/// <summary>
/// The real modules composed in one host: customers and meters from the demo generators, a billing run priced
/// from Readings' consumption, a cash payment at a centre settled through the outbox and allocated by Billing.
/// </summary>
public abstract class EndToEndTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeZone Bucharest = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(database,
        m => m.AddAccounts().AddReadings().AddBilling().AddPayments(),
        clock: FakeClock.At(new LocalDateTime(2026, 11, 28, 10, 0), Bucharest));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_customer_is_billed_from_its_readings_pays_at_a_centre_and_owes_nothing()
    {
        (await _host.SendAsync(new SeedDemoCustomers(Seed: 11, Count: 4))).IsSuccess.ShouldBeTrue();
        var contracts = (await _host.SendAsync(new ListContracts(null, 100))).Value;
        contracts.Count.ShouldBeGreaterThanOrEqualTo(4);
        await using (var scope = _host.BeginScope())
        {
            await ReadingsDemoData.SeedAsync(scope.Resolve<IMediator>(), contracts.Select(c => c.ContractId).ToList(), new LocalDate(2026, 11, 27));
        }

        (await _host.SendAsync(new AddTariff(TariffService.Water, "Apă potabilă", 5.12m, 0.11m, "RON", new LocalDate(2026, 1, 1)))).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new AddTariff(TariffService.Sewerage, "Canalizare", 4.37m, 0.11m, "RON", new LocalDate(2026, 1, 1)))).IsSuccess.ShouldBeTrue();

        var run = (await _host.SendAsync(new RunBilling(new YearMonth(2026, 11)))).Value;
        run.Issued.ShouldBeGreaterThan(0);
        (await _host.SendAsync(new RunBilling(new YearMonth(2026, 11)))).Value.Issued.ShouldBe(0);
        await _host.DrainOutboxAsync();

        // Other tests of the class add contracts to the same database (an ended one, another seed), so the customer is one
        // this run billed from its readings: one open invoice, not an estimate.
        ContractSummary? contract = null;
        InvoiceSummary? invoice = null;
        foreach (var candidate in contracts)
        {
            var open = (await _host.SendAsync(new GetOpenInvoices([candidate.CustomerId]))).Value;
            if (open is [{ Estimated: false } single] && single.Period == new YearMonth(2026, 11))
            {
                (contract, invoice) = (candidate, single);
                break;
            }
        }

        contract.ShouldNotBeNull("no contract was billed from its readings");
        invoice.ShouldNotBeNull();
        invoice.Total.Amount.ShouldBeGreaterThan(0m);

        var receipt = await _host.SendAsync(new RecordCounterPayment(contract.ClientCode, [invoice.InvoiceId], invoice.Remaining.Amount,
            "RON", CounterMethod.Cash, "Centrul Petroșani", "T-01", "T-01-000001"));
        receipt.IsSuccess.ShouldBeTrue(receipt.ToString());
        await _host.DrainOutboxAsync();

        var paid = (await _host.SendAsync(new GetInvoicesByIds([invoice.InvoiceId]))).Value.ShouldHaveSingleItem();
        paid.Status.ShouldBe(InvoiceStatus.Paid);
        paid.Remaining.Amount.ShouldBe(0m);
        (await _host.SendAsync(new GetBalance(contract.CustomerId))).Value.Due.Amount.ShouldBe(0m);

        // The same terminal transaction again: same receipt, and billing allocates nothing twice.
        var repeat = await _host.SendAsync(new RecordCounterPayment(contract.ClientCode, [invoice.InvoiceId], invoice.Remaining.Amount,
            "RON", CounterMethod.Cash, "Centrul Petroșani", "T-01", "T-01-000001"));
        repeat.Value.PaymentId.ShouldBe(receipt.Value.PaymentId);
        await _host.DrainOutboxAsync();
        (await _host.SendAsync(new GetBalance(contract.CustomerId))).Value.Credit.Amount.ShouldBe(0m);
    }

    [DbFact]
    public async Task A_meter_of_a_contract_that_ended_takes_no_reading_once_Accounts_has_announced_the_end()
    {
        const string Csv = "client_code,legal_type,name,email,phone,contract_number,internal_code,service_address,services,start_date,end_date\n"
            + "100902,individual,Ana Stan,,,CT-100902-2,,Strada Unirii 2,water,2019-01-01,2026-07-23\n";
        using (var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Csv)))
        {
            (await _host.SendAsync(new ImportCustomers(stream))).Value.Created.ShouldBe(1);
        }

        var contract = (await _host.SendAsync(new ListContracts(null, 100))).Value.Single(c => c.ContractNumber == "CT-100902-2");
        var meter = (await _host.SendAsync(new Readings.Contracts.RegisterMeter("SN-100902", contract.ContractId, 5, 3, new LocalDate(2019, 1, 1), 10m,
            null, true))).Value;
        await _host.DrainOutboxAsync();

        var reading = await _host.SendAsync(new Readings.Contracts.SubmitReading(meter, 20m));

        reading.Error.Code.ShouldBe("readings.contract_ended");
        reading.Error.Arguments["endedOn"].ShouldBe(new NodaTime.LocalDate(2026, 7, 23));
    }

    [DbFact]
    public async Task A_portal_user_sees_only_the_contracts_and_invoices_of_the_client_code_linked_to_it()
    {
        (await _host.SendAsync(new SeedDemoCustomers(Seed: 12, Count: 3))).IsSuccess.ShouldBeTrue();
        var contracts = (await _host.SendAsync(new ListContracts(null, 100))).Value;
        var mine = contracts[0];
        var userId = (await _host.SendAsync(new EnsureDemoUser("ana.popescu@example.ro", "apa-rece-din-munte-2026", mine.ClientCode))).Value;
        var user = Caller.Customer(userId, culture: "ro");

        var visible = (await _host.SendAsync(new GetMyContracts(), user)).Value;
        visible.ShouldNotBeEmpty();
        visible.ShouldAllBe(c => c.CustomerId == mine.CustomerId);

        var foreign = contracts.First(c => c.CustomerId != mine.CustomerId);
        (await _host.SendAsync(new GetContract(foreign.ContractId), user)).IsFailure.ShouldBeTrue();
    }
}

public sealed class SqliteEndToEndTests(SqliteDatabase database) : EndToEndTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresEndToEndTests(PostgresDatabase database) : EndToEndTests(database), IClassFixture<PostgresDatabase>;
