using System.Xml.Linq;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using Modular.TestSupport.EInvoices;
using NodaTime;
using Shouldly;

namespace Modular.Billing.Tests.EInvoices;

/// <summary>
/// Billing with e-invoices on, as a Romanian utility (CIUS-RO, RON, 11 % VAT) or a Latvian one (Peppol BIS 3, EUR, 21 %
/// VAT). Every e-invoice a test looks at is first checked with the official rules of its profile.
/// </summary>
public abstract class EInvoiceTestBase(TestDatabase database) : BillingTestBase(database)
{
    protected abstract Billing.EInvoiceProfile Profile { get; }

    protected bool Romanian => Profile == Billing.EInvoiceProfile.CiusRo;

    protected string Currency => Romanian ? "RON" : "EUR";

    protected decimal VatRate => Romanian ? 0.11m : 0.21m;

    protected override IDictionary<string, string?> Settings => Romanian
        ? new Dictionary<string, string?>
        {
            ["Modular:Billing:IssuerName"] = "Apă Canal Brașov SA",
            ["Modular:Billing:IssuerTaxId"] = "RO18547290",
            ["Modular:Billing:Iban"] = "RO49 AAAA 1B31 0075 9384 0000",
            ["Modular:Billing:EInvoice:Enabled"] = "true",
            ["Modular:Billing:EInvoice:Profile"] = "CiusRo",
            ["Modular:Billing:EInvoice:RegistrationNumber"] = "J08/1234/1998",
            ["Modular:Billing:EInvoice:Street"] = "Strada Vlad Țepeș 13",
            ["Modular:Billing:EInvoice:City"] = "Brașov",
            ["Modular:Billing:EInvoice:County"] = "RO-BV",
            ["Modular:Billing:EInvoice:PostalCode"] = "500092",
            ["Modular:Billing:EInvoice:Country"] = "RO",
            ["Modular:Billing:EInvoice:ContactEmail"] = "facturi@apacanal.example",
            ["Modular:Billing:EInvoice:Culture"] = "ro",
        }
        : new Dictionary<string, string?>
        {
            ["Modular:Billing:IssuerName"] = "Rīgas ūdens SIA",
            ["Modular:Billing:IssuerTaxId"] = "LV40003032949",
            ["Modular:Billing:Iban"] = "LV80BANK0000435195001",
            ["Modular:Billing:EInvoice:Enabled"] = "true",
            ["Modular:Billing:EInvoice:Profile"] = "Peppol",
            ["Modular:Billing:EInvoice:RegistrationNumber"] = "40003032949",
            ["Modular:Billing:EInvoice:Street"] = "Zigfrīda Annas Meierovica bulvāris 1",
            ["Modular:Billing:EInvoice:City"] = "Rīga",
            ["Modular:Billing:EInvoice:PostalCode"] = "LV-1050",
            ["Modular:Billing:EInvoice:Country"] = "LV",
            ["Modular:Billing:EInvoice:EndpointScheme"] = "0218",
            ["Modular:Billing:EInvoice:EndpointId"] = "40003032949",
            ["Modular:Billing:EInvoice:PaymentMeansCode"] = "58",
            ["Modular:Billing:EInvoice:Culture"] = "lv",
        };

    protected static XNamespace Cbc => "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    protected static XNamespace Cac => "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    /// <summary>A business registered for VAT, in the utility's country.</summary>
    protected ContractSummary Company(ConnectedServices services = ConnectedServices.Water | ConnectedServices.Sewerage) => Romanian
        ? World.AddCustomer("SC Pădurea Verde SRL", LegalType.Company, "RO14399840", "J08/100/2001", null,
            new PostalAddress("Calea Bucureștilor 4", "Brașov", "RO-BV", "500326", "RO"), services)
        : World.AddCustomer("SIA Zaļā Birze", LegalType.Company, "LV40103000001", "40103000001", null,
            new PostalAddress("Brīvības iela 100", "Rīga", null, "LV-1001", "LV"), services);

    /// <summary>A public body (not registered for VAT in Romania: a bare CUI; in Bucharest, whose city is a sector).</summary>
    protected ContractSummary PublicInstitution() => Romanian
        ? World.AddCustomer("Ministerul Finanțelor", LegalType.PublicInstitution, "8609468", null, null,
            new PostalAddress("Bulevardul Libertății 16", "SECTOR5", "RO-B", "050706", "RO"))
        : World.AddCustomer("Rīgas valstspilsētas pašvaldība", LegalType.PublicInstitution, "LV90011524360", "90011524360", null,
            new PostalAddress("Rātslaukums 1", "Rīga", null, "LV-1050", "LV"));

    protected ContractSummary Household(string? personalCode = "1960523123457") =>
        World.AddCustomer("Ioana Mărgărit", LegalType.Individual, null, null, personalCode,
            new PostalAddress("Strada Mihai Viteazu 1", "Brașov", "RO-BV", "500001", "RO"));

    protected async Task TariffsAsync()
    {
        await AddTariffAsync(TariffService.Water, 5.00m, new LocalDate(2020, 1, 1), vat: VatRate, currency: Currency, name: Romanian ? "Apă potabilă 2020" : "Ūdens 2020");
        await AddTariffAsync(TariffService.Sewerage, 4.00m, new LocalDate(2020, 1, 1), vat: VatRate, currency: Currency, name: Romanian ? "Canalizare 2020" : "Kanalizācija 2020");
    }

    private protected async Task<Domain.Invoice> IssueAsync(ContractSummary contract, decimal cubicMeters = 7.5m, ConsumptionQuality quality = ConsumptionQuality.Actual,
        YearMonth? period = null)
    {
        var billed = period ?? October;
        World.SetConsumption(contract, billed, cubicMeters, quality);
        await RunAsync(billed);
        return await InvoiceOfAsync(contract.ContractId, billed);
    }

    /// <summary>The e-invoice of a document, after checking it has no fatal assertion under its profile's official rules.</summary>
    protected async Task<XDocument> ValidEInvoiceAsync(Guid documentId)
    {
        var file = await Host.SendAsync(new GetEInvoice(documentId));
        file.IsSuccess.ShouldBeTrue(file.ToString());
        file.Value.ContentType.ShouldBe("application/xml");
        await AssertValidAsync(file.Value.Content);
        return XDocument.Parse(System.Text.Encoding.UTF8.GetString(file.Value.Content));
    }

    protected async Task AssertValidAsync(byte[] document)
    {
        var report = await ValidateAsync(document);
        report.Fatal.ShouldBeEmpty(System.Text.Encoding.UTF8.GetString(document) + Environment.NewLine + report);
    }

    protected Task<SvrlReport> ValidateAsync(byte[] document) =>
        SchematronValidator.Shared.ValidateAsync(document, Romanian ? EInvoiceRules.CiusRo : EInvoiceRules.Peppol);

    protected static string? Value(XContainer element, params string[] path)
    {
        XElement? current = element as XElement ?? (element as XDocument)?.Root;
        foreach (var name in path)
        {
            current = current?.Elements().FirstOrDefault(e => e.Name.LocalName == name);
        }

        return current?.Value;
    }

    protected static IReadOnlyList<XElement> All(XDocument document, string name) =>
        document.Root!.Elements().Where(e => e.Name.LocalName == name).ToList();
}
