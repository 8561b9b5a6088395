using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

public abstract class BillingRunTests(TestDatabase database) : BillingTestBase(database)
{
    [DbFact]
    public async Task A_tariff_change_inside_the_period_splits_consumption_and_fees_pro_rata_by_days()
    {
        // October has 31 days; the water price changes on the 17th: 16 days old price, 15 days new price.
        await AddTariffAsync(TariffService.Water, 5.00m, new LocalDate(2020, 1, 1));
        await AddTariffAsync(TariffService.Water, 6.00m, new LocalDate(2026, 10, 17));
        await AddTariffAsync(TariffService.FixedMonthlyFee, 3.10m, new LocalDate(2020, 1, 1));
        var contract = World.AddContract(services: ConnectedServices.Water);
        World.SetConsumption(contract, October, 31m);

        var report = await RunAsync(October);

        report.Issued.ShouldBe(1);
        var invoice = await InvoiceOfAsync(contract.ContractId, October);
        var water = invoice.Lines.Where(l => l.Service == TariffService.Water).ToList();
        water.Select(l => (l.Quantity, l.UnitPrice, l.Net)).ShouldBe([(16.000m, 5.00m, 80.00m), (15.000m, 6.00m, 90.00m)]);
        water[0].To.ShouldBe(new DateOnly(2026, 10, 16));
        water[1].From.ShouldBe(new DateOnly(2026, 10, 17));
        invoice.Lines.Single(l => l.Service == TariffService.FixedMonthlyFee).Net.ShouldBe(3.10m);
        invoice.Net.ShouldBe(173.10m);
        invoice.Vat.ShouldBe(8.80m + 9.90m + 0.34m);
        invoice.Total.ShouldBe(invoice.Net + invoice.Vat);
        invoice.Series.ShouldBe(Series);
        invoice.DueDate.ShouldBe(new LocalDate(2026, 11, 18));
        invoice.GraceDate.ShouldBe(new LocalDate(2026, 11, 28));
    }

    [DbFact]
    public async Task Vat_is_rounded_per_line_and_the_totals_are_the_sums_of_the_rounded_lines()
    {
        // 1.005 m³ at 1.00 and at 2.00: per line VAT rounds 0.11055 -> 0.11 and 0.2211 -> 0.22.
        await AddTariffAsync(TariffService.Water, 1.00m, new LocalDate(2020, 1, 1), vat: 0.11m);
        await AddTariffAsync(TariffService.Sewerage, 2.00m, new LocalDate(2020, 1, 1), vat: 0.11m);
        var contract = World.AddContract();
        World.SetConsumption(contract, October, 1.005m);

        await RunAsync(October);

        var invoice = await InvoiceOfAsync(contract.ContractId, October);
        invoice.Lines.Select(l => (l.Net, l.Vat)).ShouldBe([(1.01m, 0.11m), (2.01m, 0.22m)]);
        invoice.Net.ShouldBe(3.02m);
        invoice.Vat.ShouldBe(0.33m);
        invoice.Total.ShouldBe(3.35m);
        invoice.Lines.Sum(l => l.Total).ShouldBe(invoice.Total);
    }

    [DbFact]
    public async Task An_estimated_period_is_marked_and_regularized_on_the_invoice_after_the_next_actual_reading()
    {
        await StandardTariffsAsync();
        var contract = World.AddContract(services: ConnectedServices.Water);
        World.SetConsumption(contract, September, 10m, ConsumptionQuality.Estimated);
        await RunAsync(September);
        (await InvoiceOfAsync(contract.ContractId, September)).Estimated.ShouldBeTrue();

        // The October reading shows 25 m³ since the August reading: 12 m³ in October and 13 m³ (not 10) in September.
        World.SetConsumption(contract, October, 12m, ConsumptionQuality.Actual, sincePreviousActual: 25m, previousActualDate: new LocalDate(2026, 8, 31));
        await RunAsync(October);

        var october = await InvoiceOfAsync(contract.ContractId, October);
        october.Estimated.ShouldBeFalse();
        var regularization = october.Lines.Single(l => l.Kind == LineKind.Regularization);
        regularization.Quantity.ShouldBe(3m);
        regularization.Net.ShouldBe(15.00m);
        october.Lines.Single(l => l.Kind == LineKind.Consumption).Quantity.ShouldBe(12m);
    }

    [DbFact]
    public async Task Running_a_period_again_issues_nothing_new()
    {
        await StandardTariffsAsync();
        for (var i = 0; i < 25; i++)
        {
            World.SetConsumption(World.AddContract(), October, 5m);
        }

        var first = await RunAsync(October);
        var second = await RunAsync(October);

        first.Issued.ShouldBe(25);
        second.Issued.ShouldBe(0);
        second.AlreadyInvoiced.ShouldBe(25);
        (await InvoicesAsync()).Count.ShouldBe(25);
    }

    [DbFact]
    public async Task Two_concurrent_runs_number_gaplessly_and_invoice_each_contract_once_per_period()
    {
        await StandardTariffsAsync();
        var contracts = Enumerable.Range(0, 40).Select(_ => World.AddContract()).ToList();
        foreach (var contract in contracts)
        {
            World.SetConsumption(contract, September, 4m);
            World.SetConsumption(contract, October, 5m);
        }

        // Two runs of the same period race, and two of another period race with them.
        var reports = await Task.WhenAll(
            Task.Run(() => RunAsync(October)), Task.Run(() => RunAsync(October)),
            Task.Run(() => RunAsync(September)), Task.Run(() => RunAsync(September)));

        reports.Sum(r => r.Issued).ShouldBe(80);
        var invoices = await InvoicesAsync();
        invoices.Count.ShouldBe(80);
        invoices.GroupBy(i => (i.ContractId, i.Period)).ShouldAllBe(g => g.Count() == 1);
        invoices.Select(i => i.Sequence).Order().ShouldBe(Enumerable.Range(1, 80).Select(n => (long)n));
        invoices.Select(i => i.Number).Distinct().Count().ShouldBe(80);
    }

    [DbFact]
    public async Task A_run_that_crashes_midway_is_completed_by_running_again_with_exactly_one_invoice_per_contract()
    {
        await StandardTariffsAsync();
        var contracts = Enumerable.Range(0, 35).Select(_ => World.AddContract()).ToList();
        contracts.ForEach(c => World.SetConsumption(c, October, 3m));
        World.CrashAfterPages = 2;

        await Should.ThrowAsync<InvalidOperationException>(() => Host.SendAsync(new RunBilling(October)));
        (await InvoicesAsync()).Count.ShouldBe(20);

        World.CrashAfterPages = null;
        var resumed = await RunAsync(October);

        resumed.AlreadyInvoiced.ShouldBe(20);
        resumed.Issued.ShouldBe(15);
        var invoices = await InvoicesAsync();
        invoices.Select(i => i.ContractId).Order().ShouldBe(contracts.Select(c => c.ContractId).Order());
        invoices.Select(i => i.Sequence).Order().ShouldBe(Enumerable.Range(1, 35).Select(n => (long)n));
    }

    [DbFact]
    public async Task Contracts_with_bad_data_are_reported_and_skipped_while_the_run_goes_on()
    {
        await StandardTariffsAsync();
        var good = World.AddContract();
        World.SetConsumption(good, October, 2m);
        var noCode = World.AddContract(clientCode: " ");
        World.SetConsumption(noCode, October, 2m);
        var noConsumption = World.AddContract();
        var negative = World.AddContract();
        World.SetConsumption(negative, October, -1m);
        var ended = World.AddContract(end: new LocalDate(2026, 9, 30));

        var report = await RunAsync(October);

        report.Contracts.ShouldBe(5);
        report.Issued.ShouldBe(1);
        report.NotBillable.ShouldBe(1);
        report.Failed.ShouldBe(3);
        report.Errors.ShouldContain(new BillingRunError(noCode.ContractId, noCode.ContractNumber, "billing.contract_invalid"));
        report.Errors.ShouldContain(new BillingRunError(noConsumption.ContractId, noConsumption.ContractNumber, "billing.consumption_missing"));
        report.Errors.ShouldContain(new BillingRunError(negative.ContractId, negative.ContractNumber, "billing.consumption_negative"));
        (await InvoicesAsync()).ShouldHaveSingleItem().ContractId.ShouldBe(good.ContractId);
        ended.ContractId.ShouldNotBe(good.ContractId);
    }

    [DbFact]
    public async Task A_contract_without_a_tariff_for_a_connected_service_is_reported()
    {
        await AddTariffAsync(TariffService.Water, 5m, new LocalDate(2026, 10, 10));
        var contract = World.AddContract(services: ConnectedServices.Water);
        World.SetConsumption(contract, October, 2m);

        var report = await RunAsync(October);

        report.Errors.ShouldHaveSingleItem().Code.ShouldBe("billing.tariff_missing");
        (await InvoicesAsync()).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Issuing_publishes_InvoiceIssued_with_the_number_total_and_estimate_marker()
    {
        await StandardTariffsAsync();
        var contract = World.AddContract();
        World.SetConsumption(contract, October, 2m, ConsumptionQuality.Estimated);
        await RunAsync(October);

        var invoice = await InvoiceOfAsync(contract.ContractId, October);
        var found = await Host.SendAsync(new FindInvoiceByNumber(invoice.Number.ToLowerInvariant()));
        found.Value.InvoiceId.ShouldBe(invoice.Id);
        var outbox = await Host.WithContextAsync<Persistence.BillingDbContext, List<Core.Outbox.OutboxMessage>>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.OutboxMessages));
        var issued = (InvoiceIssued)Core.Outbox.IntegrationEventSerializer.Deserialize(outbox.Single().Type, outbox.Single().Payload);
        issued.InvoiceId.ShouldBe(invoice.Id);
        issued.Number.ShouldBe(invoice.Number);
        issued.Total.Amount.ShouldBe(invoice.Total);
        issued.Estimated.ShouldBeTrue();
    }

    [DbFact]
    public async Task When_readings_cannot_answer_the_run_stops_without_invoicing_anything()
    {
        await StandardTariffsAsync();
        World.SetConsumption(World.AddContract(), October, 2m);
        World.ConsumptionFails = true;

        var result = await Host.SendAsync(new RunBilling(October));

        result.HasError("billing.consumption_unavailable").ShouldBeTrue();
        (await InvoicesAsync()).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Only_system_callers_may_run_billing()
    {
        var result = await Host.SendAsync(new RunBilling(October), Core.Access.Caller.Customer(Guid.NewGuid()));
        result.HasError("core.forbidden").ShouldBeTrue();
    }
}

public sealed class SqliteBillingRunTests(SqliteDatabase database) : BillingRunTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresBillingRunTests(PostgresDatabase database) : BillingRunTests(database), IClassFixture<PostgresDatabase>;
