using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests.EInvoices;

/// <summary>E-invoices of companies, public bodies, several tariffs, regularizations and credit notes, under either profile.</summary>
public abstract class EInvoiceDocumentTests(TestDatabase database) : EInvoiceTestBase(database)
{
    [DbFact]
    public async Task A_company_invoice_is_a_valid_e_invoice_whose_totals_are_the_invoice_s()
    {
        await TariffsAsync();
        var contract = Company();
        var invoice = await IssueAsync(contract);

        var xml = await ValidEInvoiceAsync(invoice.Id);

        xml.Root!.Name.LocalName.ShouldBe("Invoice");
        Value(xml, "ID").ShouldBe(invoice.Number);
        Value(xml, "InvoiceTypeCode").ShouldBe("380");
        Value(xml, "DueDate").ShouldBe("2026-11-18");
        Value(xml, "DocumentCurrencyCode").ShouldBe(Currency);
        Value(xml, "LegalMonetaryTotal", "LineExtensionAmount").ShouldBe(Amount(invoice.Net));
        Value(xml, "TaxTotal", "TaxAmount").ShouldBe(Amount(invoice.Vat));
        Value(xml, "LegalMonetaryTotal", "PayableAmount").ShouldBe(Amount(invoice.Total));
        Value(xml, "AccountingCustomerParty", "Party", "PartyTaxScheme", "CompanyID").ShouldBe(Romanian ? "RO14399840" : "LV40103000001");
        Value(xml, "AccountingCustomerParty", "Party", "PartyIdentification", "ID").ShouldBe(contract.ClientCode);
        Value(xml, "BuyerReference").ShouldBe(contract.ClientCode);
        Value(xml, "ContractDocumentReference", "ID").ShouldBe(contract.ContractNumber);
        Value(xml, "PaymentMeans", "PaymentID").ShouldBe(invoice.Number);
        Value(xml, "PaymentMeans", "PayeeFinancialAccount", "ID").ShouldBe(Romanian ? "RO49AAAA1B31007593840000" : "LV80BANK0000435195001");
        All(xml, "InvoiceLine").Select(l => Value(l, "InvoicedQuantity")).ShouldBe(["7.5", "7.5"]);
        All(xml, "InvoiceLine").ShouldAllBe(l => l.Elements().Single(e => e.Name.LocalName == "InvoicedQuantity").Attribute("unitCode")!.Value == "MTQ");
    }

    [DbFact]
    public async Task A_public_institution_invoice_is_a_valid_e_invoice()
    {
        await TariffsAsync();
        var invoice = await IssueAsync(PublicInstitution());

        var xml = await ValidEInvoiceAsync(invoice.Id);

        var buyer = xml.Root!.Element(Cac + "AccountingCustomerParty")!.Element(Cac + "Party")!;
        Value(buyer, "PartyLegalEntity", "CompanyID").ShouldBe(Romanian ? "8609468" : "90011524360");
        if (Romanian)
        {
            Value(buyer, "PostalAddress", "CityName").ShouldBe("SECTOR5");
            Value(buyer, "PostalAddress", "CountrySubentity").ShouldBe("RO-B");
        }
    }

    [DbFact]
    public async Task Several_tariffs_with_a_mid_period_price_change_and_a_monthly_fee_give_a_valid_e_invoice_whose_lines_add_up()
    {
        // October: water 5.00 until the 16th, 6.00 from the 17th; sewerage 4.00; a 3.10 monthly fee; 31 m³.
        await AddTariffAsync(TariffService.Water, 5.00m, new LocalDate(2020, 1, 1), vat: VatRate, currency: Currency, name: "Apă 2020");
        await AddTariffAsync(TariffService.Water, 6.00m, new LocalDate(2026, 10, 17), vat: VatRate, currency: Currency, name: "Apă 2026");
        await AddTariffAsync(TariffService.Sewerage, 4.00m, new LocalDate(2020, 1, 1), vat: VatRate, currency: Currency, name: "Canalizare");
        await AddTariffAsync(TariffService.FixedMonthlyFee, 3.10m, new LocalDate(2020, 1, 1), vat: VatRate, currency: Currency, name: "Abonament");
        var invoice = await IssueAsync(Company(), 31m);

        var xml = await ValidEInvoiceAsync(invoice.Id);

        var lines = All(xml, "InvoiceLine");
        lines.Count.ShouldBe(invoice.Lines.Count);
        lines.Select(l => Value(l, "LineExtensionAmount")).ShouldBe(invoice.Lines.Select(l => Amount(l.Net)));
        lines.Select(l => Value(l, "InvoicePeriod", "StartDate")).ShouldBe(invoice.Lines.Select(l => l.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var fee = lines.Single(l => Quantity(l).Unit == "DAY");
        Quantity(fee).Value.ShouldBe("31");
        Value(fee, "Price", "BaseQuantity").ShouldBe("31");
        Value(xml, "InvoicePeriod", "StartDate").ShouldBe("2026-10-01");
        Value(xml, "InvoicePeriod", "EndDate").ShouldBe("2026-10-31");
        Value(xml, "TaxTotal", "TaxSubtotal", "TaxableAmount").ShouldBe(Amount(invoice.Net));
        invoice.Lines.Sum(l => l.Vat).ShouldBe(invoice.Vat);
    }

    [DbFact]
    public async Task An_estimate_then_a_regularization_give_valid_e_invoices_and_the_regularization_names_the_estimate()
    {
        await TariffsAsync();
        var contract = Company(ConnectedServices.Water);
        var september = await IssueAsync(contract, 10m, ConsumptionQuality.Estimated, September);
        World.SetConsumption(contract, October, 12m, ConsumptionQuality.Actual, sincePreviousActual: 25m, previousActualDate: new LocalDate(2026, 8, 31));
        await RunAsync(October);
        var october = await InvoiceOfAsync(contract.ContractId, October);

        var estimate = await ValidEInvoiceAsync(september.Id);
        var regularization = await ValidEInvoiceAsync(october.Id);

        Value(estimate, "Note")!.ShouldNotBeNullOrWhiteSpace();
        Value(regularization, "BillingReference", "InvoiceDocumentReference", "ID").ShouldBe(september.Number);
        Value(regularization, "InvoicePeriod", "StartDate").ShouldBe("2026-09-01");
        All(regularization, "InvoiceLine").Select(l => Quantity(l).Value).ShouldBe(["12", "3"]);
    }

    [DbFact]
    public async Task A_regularization_that_credits_more_than_the_period_costs_is_a_valid_credit_note_with_positive_amounts()
    {
        await TariffsAsync();
        var contract = Company(ConnectedServices.Water);
        var september = await IssueAsync(contract, 20m, ConsumptionQuality.Estimated, September);
        // Only 5 m³ since August, 1 of them in October: the 20 m³ estimated for September were 16 too many.
        World.SetConsumption(contract, October, 1m, ConsumptionQuality.Actual, sincePreviousActual: 5m, previousActualDate: new LocalDate(2026, 8, 31));
        await RunAsync(October);
        var october = await InvoiceOfAsync(contract.ContractId, October);
        october.Total.ShouldBeLessThan(0m);

        var xml = await ValidEInvoiceAsync(october.Id);

        xml.Root!.Name.LocalName.ShouldBe("CreditNote");
        Value(xml, "CreditNoteTypeCode").ShouldBe("381");
        Value(xml, "LegalMonetaryTotal", "PayableAmount").ShouldBe(Amount(-october.Total));
        Value(xml, "BillingReference", "InvoiceDocumentReference", "ID").ShouldBe(september.Number);
        All(xml, "CreditNoteLine").Select(l => Quantity(l).Value).ShouldBe(["-1", "16"]);
    }

    [DbFact]
    public async Task A_reversal_and_a_correction_give_valid_credit_notes_that_name_the_invoice()
    {
        await TariffsAsync();
        await AddTariffAsync(TariffService.FixedMonthlyFee, 3.10m, new LocalDate(2020, 1, 1), vat: VatRate, currency: Currency, name: "Abonament");
        var first = await IssueAsync(Company(), 10m);
        var second = await InvoiceOfAsync((await IssueContractAsync()).ContractId, October);

        var reversal = (await Host.SendAsync(new IssueCreditNote(first.Id, CreditNoteReason.Reversal, null, null, Guid.NewGuid()))).Value;
        var correction = (await Host.SendAsync(new IssueCreditNote(second.Id, CreditNoteReason.Correction, [new(1, 2.5m), new(3, 0.5m)], "Contor defect", Guid.NewGuid()))).Value;

        var reversed = await ValidEInvoiceAsync(reversal.CreditNoteId);
        var corrected = await ValidEInvoiceAsync(correction.CreditNoteId);
        Value(reversed, "ID").ShouldBe(reversal.Number);
        Value(reversed, "BillingReference", "InvoiceDocumentReference", "ID").ShouldBe(first.Number);
        Value(reversed, "BillingReference", "InvoiceDocumentReference", "IssueDate").ShouldBe("2026-11-03");
        Value(reversed, "LegalMonetaryTotal", "PayableAmount").ShouldBe(Amount(first.Total));
        All(reversed, "CreditNoteLine").Count.ShouldBe(first.Lines.Count);
        Value(corrected, "Note").ShouldBe("Contor defect");
        Value(corrected, "LegalMonetaryTotal", "PayableAmount").ShouldBe(Amount(correction.Total.Amount));
        All(corrected, "CreditNoteLine").Select(l => Quantity(l)).ShouldBe([("2.5", "MTQ"), ("0.5", "MON")]);

        async Task<ContractSummary> IssueContractAsync()
        {
            var contract = PublicInstitution();
            World.SetConsumption(contract, October, 10m);
            await RunAsync(October);
            return contract;
        }
    }

    [DbFact]
    public async Task The_same_invoice_always_gives_the_same_bytes()
    {
        await TariffsAsync();
        var invoice = await IssueAsync(Company());

        var first = (await Host.SendAsync(new GetEInvoice(invoice.Id))).Value.Content;
        var second = (await Host.SendAsync(new GetEInvoice(invoice.Id))).Value.Content;

        second.ShouldBe(first);
        first.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(first).ShouldStartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Invoice");
    }

    [DbFact]
    public async Task A_run_export_holds_a_valid_e_invoice_per_invoice_reports_the_ones_it_cannot_make_and_repeats_byte_for_byte()
    {
        await TariffsAsync();
        var company = Company();
        var institution = PublicInstitution();
        var unknown = World.AddContract(name: "Fără date", legalType: LegalType.Company);
        foreach (var contract in new[] { company, institution, unknown })
        {
            World.SetConsumption(contract, October, 4m);
        }

        var run = await RunAsync(October);

        using var first = new MemoryStream();
        var report = (await Host.SendAsync(new ExportRunEInvoices(run.RunId, first))).Value;
        using var second = new MemoryStream();
        await Host.SendAsync(new ExportRunEInvoices(run.RunId, second));

        report.Documents.ShouldBe(2);
        var unknownInvoice = await InvoiceOfAsync(unknown.ContractId, October);
        report.Skipped.ShouldBe([new EInvoiceExportProblem(unknownInvoice.Number, "billing.einvoice_buyer_unavailable")]);
        second.ToArray().ShouldBe(first.ToArray());
        using var zip = new ZipArchive(new MemoryStream(first.ToArray()), ZipArchiveMode.Read);
        var numbers = new[] { (await InvoiceOfAsync(company.ContractId, October)).Number, (await InvoiceOfAsync(institution.ContractId, October)).Number };
        zip.Entries.Select(e => e.FullName).ShouldBe(numbers.Select(n => n.Replace(' ', '-') + ".xml").Order(StringComparer.Ordinal));
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            await entry.Open().CopyToAsync(content);
            await AssertValidAsync(content.ToArray());
        }

        (await Host.SendAsync(new ExportRunEInvoices(Guid.NewGuid(), new MemoryStream()))).Error.Code.ShouldBe("billing.run_not_found");
    }

    [DbFact]
    public async Task A_customer_downloads_their_own_e_invoice_and_nobody_else_s()
    {
        await TariffsAsync();
        var own = await IssueAsync(Company());
        var other = await InvoiceOfAsync((await IssueOtherAsync()).ContractId, October);
        var userId = Guid.NewGuid();
        World.UserCustomers[userId] = own.CustomerId;
        var customer = Caller.Customer(userId);

        (await Host.SendAsync(new GetEInvoice(own.Id), customer)).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new GetEInvoice(other.Id), customer)).Error.Code.ShouldBe("billing.invoice_not_found");
        (await Host.SendAsync(new ExportRunEInvoices(Guid.NewGuid(), new MemoryStream()), customer)).Error.Code.ShouldBe("core.forbidden");

        async Task<ContractSummary> IssueOtherAsync()
        {
            var contract = PublicInstitution();
            World.SetConsumption(contract, October, 3m);
            await RunAsync(October);
            return contract;
        }
    }

    [DbFact]
    public async Task A_document_broken_on_purpose_fails_with_the_rule_it_breaks()
    {
        await TariffsAsync();
        var invoice = await IssueAsync(Company());
        var xml = await ValidEInvoiceAsync(invoice.Id);

        // The sum of the lines no longer equals the stated line total (BR-CO-10).
        xml.Root!.Elements(Cac + "InvoiceLine").First().Element(Cbc + "LineExtensionAmount")!.Value = "1.00";
        var report = await ValidateAsync(Encoding.UTF8.GetBytes(xml.ToString()));

        report.Fatal.Select(f => f.Id).ShouldContain("BR-CO-10");
        report.Fatal.Select(f => f.Id).ShouldNotContain("BR-CO-15");
    }

    [DbFact]
    public async Task An_invoice_imported_from_the_erp_has_no_e_invoice_here()
    {
        var contract = Company();
        await Host.SendAsync(new ImportInvoices("number,client_code,contract_id,period,issue_date,due_date,currency,net,vat,total,paid,estimated,cubic_meters\n"
            + $"ERP 1,{contract.ClientCode},{contract.ContractId},2026-10,2026-11-01,2026-11-15,{Currency},10.00,1.10,11.10,0,false,2\n"));
        var imported = await InvoiceOfAsync(contract.ContractId, October);

        (await Host.SendAsync(new GetEInvoice(imported.Id))).Error.Code.ShouldBe("billing.einvoice_not_available");
    }

    protected static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    protected static (string Value, string Unit) Quantity(XElement line)
    {
        var quantity = line.Elements().Single(e => e.Name.LocalName is "InvoicedQuantity" or "CreditedQuantity");
        return (quantity.Value, quantity.Attribute("unitCode")!.Value);
    }
}

/// <summary>Romania's e-Factura: households with or without a personal code, and national rules.</summary>
public abstract class CiusRoEInvoiceTests(TestDatabase database) : EInvoiceDocumentTests(database)
{
    protected override Billing.EInvoiceProfile Profile => Billing.EInvoiceProfile.CiusRo;

    [DbFact]
    public async Task A_household_invoice_is_a_valid_e_invoice_naming_the_personal_code_or_thirteen_zeros()
    {
        await TariffsAsync();
        var known = await IssueAsync(Household(), 4m, ConsumptionQuality.Estimated);
        var unknown = await IssueAsync(Household(personalCode: null), 6m);

        var withCode = await ValidEInvoiceAsync(known.Id);
        var withoutCode = await ValidEInvoiceAsync(unknown.Id);

        Value(withCode, "AccountingCustomerParty", "Party", "PartyLegalEntity", "CompanyID").ShouldBe("1960523123457");
        Value(withoutCode, "AccountingCustomerParty", "Party", "PartyLegalEntity", "CompanyID").ShouldBe("0000000000000");
        Value(withCode, "CustomizationID").ShouldBe("urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1");
        All(withCode, "InvoiceLine").Select(l => Value(l, "Item", "Name")).ShouldBe(["Apă potabilă (E)", "Canalizare (E)"]);
    }

    [DbFact]
    public async Task A_buyer_without_city_or_county_gets_no_e_invoice_but_a_reason()
    {
        await TariffsAsync();
        var contract = World.AddCustomer("Vasile Lupu", LegalType.Individual, null, null, null, new PostalAddress("Strada Lungă 3", null, null, null, "RO"));
        var invoice = await IssueAsync(contract);

        var result = await Host.SendAsync(new GetEInvoice(invoice.Id));

        result.Error.Code.ShouldBe("billing.einvoice_buyer_incomplete");
        result.Error.Arguments["missing"].ShouldBe("city, county");
    }

    [DbFact]
    public async Task An_invoice_in_another_currency_than_ron_gets_no_e_factura_document()
    {
        await AddTariffAsync(TariffService.Water, 1.00m, new LocalDate(2020, 1, 1), vat: VatRate, currency: "EUR");
        var invoice = await IssueAsync(Company(ConnectedServices.Water));

        var result = await Host.SendAsync(new GetEInvoice(invoice.Id));

        result.Error.Code.ShouldBe("billing.einvoice_currency_unsupported");
        result.Error.Arguments["currency"].ShouldBe("EUR");
    }

    [DbFact]
    public async Task A_document_without_the_buyer_s_city_breaks_the_national_rule()
    {
        await TariffsAsync();
        var xml = await ValidEInvoiceAsync((await IssueAsync(Household())).Id);

        xml.Root!.Element(Cac + "AccountingCustomerParty")!.Descendants(Cbc + "CityName").Single().Remove();
        var report = await ValidateAsync(Encoding.UTF8.GetBytes(xml.ToString()));

        // The assertion's id is BR-RO-092 (its text is labelled BR-RO-090, shared with the seller's city, BR-RO-091).
        report.Fatal.Select(f => f.Id).ShouldBe(["BR-RO-092"]);
    }
}

/// <summary>Peppol BIS Billing 3: electronic addresses of both parties; households have none.</summary>
public abstract class PeppolEInvoiceTests(TestDatabase database) : EInvoiceDocumentTests(database)
{
    protected override Billing.EInvoiceProfile Profile => Billing.EInvoiceProfile.Peppol;

    [DbFact]
    public async Task Both_parties_carry_their_electronic_address_and_the_peppol_identifiers()
    {
        await TariffsAsync();
        var xml = await ValidEInvoiceAsync((await IssueAsync(Company())).Id);

        var buyerEndpoint = xml.Root!.Element(Cac + "AccountingCustomerParty")!.Descendants(Cbc + "EndpointID").Single();
        (buyerEndpoint.Attribute("schemeID")!.Value, buyerEndpoint.Value).ShouldBe(("0218", "40103000001"));
        Value(xml, "AccountingSupplierParty", "Party", "EndpointID").ShouldBe("40003032949");
        Value(xml, "ProfileID").ShouldBe("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
        Value(xml, "PaymentMeans", "PaymentMeansCode").ShouldBe("58");
    }

    [DbFact]
    public async Task A_household_has_no_electronic_address_so_it_gets_no_peppol_document_and_its_personal_code_is_never_sent()
    {
        await TariffsAsync();
        var contract = World.AddCustomer("Anna Bērziņa", LegalType.Individual, null, null, "010190-12345",
            new PostalAddress("Brīvības iela 1", "Rīga", null, "LV-1050", "LV"));
        var invoice = await IssueAsync(contract);

        (await Host.SendAsync(new GetEInvoice(invoice.Id))).Error.Code.ShouldBe("billing.einvoice_buyer_endpoint_missing");
    }

    [DbFact]
    public async Task A_document_without_the_buyer_s_electronic_address_breaks_the_peppol_rule()
    {
        await TariffsAsync();
        var xml = await ValidEInvoiceAsync((await IssueAsync(Company())).Id);

        xml.Root!.Element(Cac + "AccountingCustomerParty")!.Descendants(Cbc + "EndpointID").Single().Remove();
        var report = await ValidateAsync(Encoding.UTF8.GetBytes(xml.ToString()));

        report.Fatal.Select(f => f.Id).ShouldContain("PEPPOL-EN16931-R010");
    }
}

public sealed class SqliteCiusRoEInvoiceTests(SqliteDatabase database) : CiusRoEInvoiceTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresCiusRoEInvoiceTests(PostgresDatabase database) : CiusRoEInvoiceTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqlitePeppolEInvoiceTests(SqliteDatabase database) : PeppolEInvoiceTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPeppolEInvoiceTests(PostgresDatabase database) : PeppolEInvoiceTests(database), IClassFixture<PostgresDatabase>;
