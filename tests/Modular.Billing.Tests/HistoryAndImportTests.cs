using System.Text;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Billing.Domain;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

/// <summary>Mirror mode (CSV import), history with the "visible since" date, CSV exports, tariff rules.</summary>
public abstract class HistoryAndImportTests(TestDatabase database) : BillingTestBase(database)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Modular:Billing:VisibleSince"] = "2022-01-01" };

    private string Csv(Accounts.Contracts.ContractSummary contract, params string[] rows) =>
        "number,client_code,contract_id,period,issue_date,due_date,currency,net,vat,total,paid,estimated,cubic_meters,contract_number\n"
        + string.Concat(rows.Select(r => r.Replace("{code}", contract.ClientCode).Replace("{contract}", contract.ContractId.ToString()) + "," + contract.ContractNumber + "\n"));

    [DbFact]
    public async Task Imported_invoices_become_the_same_invoice_model_and_a_second_import_adds_nothing()
    {
        var contract = World.AddContract();
        var csv = Csv(contract,
            "ERP 1001,{code},{contract},2021-12,2022-01-05,2022-01-20,RON,10.00,1.10,11.10,11.10,false,2.000",
            "ERP 1002,{code},{contract},2026-09,2026-10-05,2026-10-20,RON,100.00,11.00,111.00,50.00,true,20.500",
            "ERP 1003,UNKNOWN,{contract},2026-10,2026-11-05,2026-11-20,RON,1.00,0.11,1.11,0,false,0",
            "ERP 1004,{code},{contract},2026-10,2026-11-05,2026-11-20,RON,1.00,0.11,9.99,0,false,0",
            "ERP 1005,{code},{contract},not-a-period,2026-11-05,2026-11-20,RON,1.00,0.11,1.11,0,false,0");

        var first = (await Host.SendAsync(new ImportInvoices(csv))).Value;
        var second = (await Host.SendAsync(new ImportInvoices(csv))).Value;

        first.Imported.ShouldBe(2);
        first.Errors.ShouldBe([new ImportError(3, "billing.import_customer_unknown"), new ImportError(4, "billing.import_amounts_inconsistent"),
            new ImportError(5, "billing.import_csv_invalid")]);
        second.Imported.ShouldBe(0);
        second.AlreadyImported.ShouldBe(2);
        var september = await InvoiceOfAsync(contract.ContractId, September);
        september.Source.ShouldBe(InvoiceSource.Import);
        september.Status.ShouldBe(InvoiceStatus.Overdue);
        september.Remaining.ShouldBe(61m);
        september.Estimated.ShouldBeTrue();
        (await Host.SendAsync(new FindInvoiceByNumber("erp  1002"))).Value.InvoiceId.ShouldBe(september.Id);
    }

    [DbFact]
    public async Task History_hides_periods_before_the_visible_since_date_and_filters_by_period_and_status()
    {
        var contract = World.AddContract();
        await Host.SendAsync(new ImportInvoices(Csv(contract,
            "ERP 1,{code},{contract},2021-12,2022-01-05,2022-01-20,RON,10.00,0,10.00,10.00,false,2",
            "ERP 2,{code},{contract},2026-08,2026-09-05,2026-09-20,RON,20.00,0,20.00,20.00,false,4",
            "ERP 3,{code},{contract},2026-09,2026-10-05,2026-11-20,RON,30.00,0,30.00,0,true,6")));

        var all = (await Host.SendAsync(new GetInvoices(ContractId: contract.ContractId))).Value;
        var paid = (await Host.SendAsync(new GetInvoices(ContractId: contract.ContractId, Status: InvoiceStatus.Paid))).Value;
        var september = (await Host.SendAsync(new GetInvoices(From: September, To: September))).Value;
        var chart = (await Host.SendAsync(new GetConsumptionAndAmountsHistory(contract.ContractId, new YearMonth(2020, 1), October))).Value;
        var wrongRange = await Host.SendAsync(new GetInvoices(From: October, To: September));

        all.Select(i => i.Number).ShouldBe(["ERP 3", "ERP 2"]);
        paid.ShouldHaveSingleItem().Number.ShouldBe("ERP 2");
        september.ShouldHaveSingleItem().Number.ShouldBe("ERP 3");
        chart.Select(c => (c.Period, c.CubicMeters, c.Estimated)).ShouldBe([(new YearMonth(2026, 8), 4m, false), (September, 6m, true)]);
        wrongRange.HasError("billing.period_range_invalid").ShouldBeTrue();
    }

    [DbFact]
    public async Task The_overview_gives_a_customer_their_latest_invoice_and_overdue_count_and_nothing_of_another_customer()
    {
        var mine = World.AddContract();
        var foreign = World.AddContract();
        await Host.SendAsync(new ImportInvoices(Csv(mine,
            "ERP 11,{code},{contract},2026-08,2026-09-05,2026-09-20,RON,20.00,0,20.00,0,false,4",
            "ERP 12,{code},{contract},2026-09,2026-10-05,2026-10-20,RON,30.00,0,30.00,0,false,6",
            "ERP 13,{code},{contract},2026-10,2026-11-05,2026-12-20,RON,40.00,0,40.00,0,false,8")));
        await Host.SendAsync(new ImportInvoices(Csv(foreign,
            "ERP 21,{code},{contract},2026-10,2026-11-25,2026-12-10,RON,50.00,0,50.00,0,false,10")));
        var userId = Guid.NewGuid();
        World.UserCustomers[userId] = mine.CustomerId;

        var overview = (await Host.SendAsync(new GetInvoiceOverview(), Caller.Customer(userId))).Value;
        var history = (await Host.SendAsync(new GetInvoices(), Caller.Customer(userId))).Value;

        overview.Latest.ShouldNotBeNull().Number.ShouldBe("ERP 13");
        overview.Latest.ShouldBe(history.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Period).First());
        overview.Overdue.ShouldBe(history.Count(i => i.Status == InvoiceStatus.Overdue));
        overview.Overdue.ShouldBe(2);
        (await Host.SendAsync(new GetInvoiceOverview(), Caller.Customer(Guid.NewGuid()))).Value.ShouldBe(new InvoiceOverview(null, 0));
    }

    [DbFact]
    public async Task The_csv_exports_hold_the_rows_the_history_shows()
    {
        var contract = World.AddContract();
        await Host.SendAsync(new ImportInvoices(Csv(contract,
            "ERP 7,{code},{contract},2026-09,2026-10-05,2026-11-20,RON,30.00,3.30,33.30,0,true,6.5")));

        var invoices = Encoding.UTF8.GetString((await Host.SendAsync(new ExportInvoicesCsv(ContractId: contract.ContractId))).Value.Content);
        var consumption = Encoding.UTF8.GetString((await Host.SendAsync(new ExportConsumptionAndAmountsCsv(contract.ContractId, September, October))).Value.Content);

        invoices.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            "\uFEFFnumber,client_code,contract,period,issue_date,due_date,total,paid,remaining,currency,status,estimated",
            $"ERP 7,{contract.ClientCode},{contract.ContractNumber},2026-09,2026-10-05,2026-11-20,33.30,0.00,33.30,RON,Issued,E"]);
        consumption.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            "\uFEFFperiod,cubic_meters,estimated,total,currency", "2026-09,6.500,E,33.30,RON"]);
    }

    [DbFact]
    public async Task A_new_tariff_closes_the_open_one_and_overlaps_or_bad_values_are_refused()
    {
        await AddTariffAsync(TariffService.Water, 5m, new LocalDate(2025, 1, 1));
        await AddTariffAsync(TariffService.Water, 6m, new LocalDate(2026, 1, 1));

        var overlap = await Host.SendAsync(new AddTariff(TariffService.Water, "x", 7m, 0.11m, "RON", new LocalDate(2025, 6, 1), new LocalDate(2025, 7, 1)));
        var invalid = await Host.SendAsync(new AddTariff(TariffService.Water, "", -1m, 1.5m, "R0N", new LocalDate(2027, 6, 1), new LocalDate(2027, 5, 1)));
        var tariffs = (await Host.SendAsync(new GetTariffs(TariffService.Water))).Value;

        overlap.HasError("billing.tariff_overlap").ShouldBeTrue();
        invalid.Errors.Select(e => e.Code).ShouldBe(["billing.tariff_name_required", "billing.tariff_price_negative", "billing.tariff_vat_rate_invalid",
            "billing.currency_invalid", "billing.tariff_period_invalid"], ignoreOrder: true);
        tariffs.Select(t => (t.UnitPrice, t.ValidTo)).ShouldBe([(5m, (LocalDate?)new LocalDate(2025, 12, 31)), (6m, null)]);
        (await Host.SendAsync(new GetTariffs(On: new LocalDate(2025, 12, 31)))).Value.ShouldHaveSingleItem().UnitPrice.ShouldBe(5m);
    }

    [DbFact]
    public async Task Without_a_pdf_renderer_the_pdf_is_refused_and_the_html_still_served()
    {
        var contract = World.AddContract();
        await Host.SendAsync(new ImportInvoices(Csv(contract, "ERP 9,{code},{contract},2026-09,2026-10-05,2026-11-20,RON,1.00,0,1.00,0,false,1")));
        var invoice = await InvoiceOfAsync(contract.ContractId, September);

        var pdf = await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Pdf));
        var html = await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Html));

        pdf.HasError("billing.pdf_unavailable").ShouldBeTrue();
        html.IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public void Every_error_code_has_a_text_in_romanian_english_and_latvian()
    {
        var catalog = Autofac.ResolutionExtensions.Resolve<Core.Localization.ITextCatalog>(Host.Container);
        var codes = typeof(BillingErrors).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        codes.Count.ShouldBeGreaterThan(15);
        foreach (var culture in new[] { "ro", "en", "lv" })
        {
            codes.Where(c => !catalog.Contains(c, culture)).ShouldBeEmpty(culture);
        }

        catalog.Get("billing.tariff_overlap", "ro").ShouldContain("suprapune");
        catalog.Get("billing.tariff_overlap", "lv").ShouldContain("pārklājas");
    }

    [DbFact]
    public async Task The_same_tariff_added_twice_at_once_is_stored_once()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Host.SendAsync(new AddTariff(TariffService.Sewerage, "Canal", 4m, 0.11m, "RON", new LocalDate(2026, 1, 1))))));

        attempts.Count(a => a.IsSuccess).ShouldBe(1);
        attempts.Where(a => a.IsFailure).ShouldAllBe(a => a.HasError("core.conflict") || a.HasError("billing.tariff_overlap"));
        (await Host.SendAsync(new GetTariffs(TariffService.Sewerage))).Value.Count.ShouldBe(1);
    }
}

public sealed class SqliteHistoryAndImportTests(SqliteDatabase database) : HistoryAndImportTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresHistoryAndImportTests(PostgresDatabase database) : HistoryAndImportTests(database), IClassFixture<PostgresDatabase>;
