using System.Net;
using System.Xml.Linq;
using Modular.Readings.Web;
using Modular.TestSupport;
using Modular.TestSupport.EInvoices;
using Modular.Web.Security;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// The e-invoice of an invoice, from its detail page and from the API, where the utility issues e-invoices: a second portal
/// on the demo database with e-invoices on; the demo portal itself has them off and offers nothing.
/// </summary>
public abstract class EInvoiceDownloadTests(DemoPortal demo) : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(demo.Database, new Dictionary<string, string?>
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
            ["Modular:Billing:EInvoice:Culture"] = "ro",
        });
        _ = _portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [DbFact]
    public async Task A_customer_downloads_the_e_invoice_of_their_invoice_from_its_page_and_it_passes_the_official_rules()
    {
        var client = await LogInAsync(_portal, demo.Alice);
        var invoice = demo.Alice.Invoices[0];

        var page = await client.GetStringAsync($"/Invoices/{invoice.InvoiceId}");
        page.ShouldContain($"/Invoices/{invoice.InvoiceId}?handler=EInvoice");
        var response = await client.GetAsync($"/Invoices/{invoice.InvoiceId}?handler=EInvoice");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var report = await SchematronValidator.Shared.ValidateAsync(bytes, EInvoiceRules.CiusRo);
        report.Fatal.ShouldBeEmpty(report.ToString());
        var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)).Root!;
        root.Name.LocalName.ShouldBe("Invoice");
        root.Elements().Single(e => e.Name.LocalName == "ID").Value.ShouldBe(invoice.Number);
        (await client.GetAsync($"/Invoices/{demo.Bob.Invoices[0].InvoiceId}?handler=EInvoice")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task The_api_serves_the_owners_e_invoice_and_a_not_found_problem_for_another_customers()
    {
        var created = await TokenTests.CreateAsync(_portal, demo.Alice.UserId, "script", TokenScopes.Read, ReadingsWebModule.SubmitReadingsScope);
        var api = TokenTests.Api(_portal, created.Secret);

        var own = await api.GetAsync($"/api/v1/invoices/{demo.Alice.Invoices[0].InvoiceId}/einvoice");
        var foreign = await api.GetAsync($"/api/v1/invoices/{demo.Bob.Invoices[0].InvoiceId}/einvoice");

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        own.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        XDocument.Parse(await own.Content.ReadAsStringAsync()).Root!.Name.LocalName.ShouldBe("Invoice");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreign.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static async Task<HttpClient> LogInAsync(PortalFactory portal, Party party)
    {
        var client = portal.Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var response = await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", party.Email), ("Password", DemoPortal.Password));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    [DbFact]
    public async Task Where_e_invoices_are_off_the_page_offers_none_and_the_api_says_why()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var invoice = demo.Alice.Invoices[0].InvoiceId;
        var created = await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "script", TokenScopes.Read);

        (await client.GetStringAsync($"/Invoices/{invoice}")).ShouldNotContain("handler=EInvoice");
        var api = await TokenTests.Api(demo.Portal, created.Secret).GetAsync($"/api/v1/invoices/{invoice}/einvoice");

        api.IsSuccessStatusCode.ShouldBeFalse();
        (await api.Content.ReadAsStringAsync()).ShouldContain("billing.einvoice_disabled");
    }
}

public sealed class SqliteEInvoiceDownloadTests(SqliteDemoPortal demo) : EInvoiceDownloadTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresEInvoiceDownloadTests(PostgresDemoPortal demo) : EInvoiceDownloadTests(demo), IClassFixture<PostgresDemoPortal>;
