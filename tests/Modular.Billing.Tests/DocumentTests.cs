using System.Text;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.Core.Composition;
using Modular.Documents.Chromium;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

/// <summary>The invoice as HTML and PDF (system Chromium), and the invoice by email with its PDF.</summary>
public abstract class DocumentTests(TestDatabase database) : BillingTestBase(database)
{
    private const string Diacritics = "ă â î ș ț Ă Â Î Ș Ț ā č ē ģ ī ķ ļ ņ š ū ž";
    private readonly string _pickup = Directory.CreateTempSubdirectory("modular-billing-mail").FullName;

    protected override void Configure(ModularBuilder modules) => modules.UseChromiumPdf();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Modular:Email:Delivery"] = "Pickup",
        ["Modular:Email:PickupDirectory"] = _pickup,
    };

    private async Task<Domain.Invoice> IssueAsync(string name = "Ioana " + Diacritics)
    {
        await StandardTariffsAsync();
        var contract = World.AddContract(name: name);
        World.SetConsumption(contract, October, 7.5m, Readings.Contracts.ConsumptionQuality.Estimated);
        await RunAsync(October);
        return await InvoiceOfAsync(contract.ContractId, October);
    }

    [DbFact]
    public async Task The_html_invoice_is_localized_and_carries_the_payment_qr_code()
    {
        var invoice = await IssueAsync();

        var ro = Encoding.UTF8.GetString((await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Html, "ro"))).Value.Content);
        var lv = Encoding.UTF8.GetString((await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Html, "lv"))).Value.Content);

        ro.ShouldContain(invoice.Number);
        ro.ShouldContain("Factură");
        ro.ShouldContain("Apă potabilă");
        ro.ShouldContain(Diacritics);
        ro.ShouldContain("<svg");
        ro.ShouldContain("@page");
        lv.ShouldContain("Rēķins");
        lv.ShouldContain("Dzeramais ūdens");
        Documents.InvoiceDocumentRenderer.PaymentReference(invoice).ShouldBe($"CLIENT:{invoice.ClientCode};INVOICE:{invoice.Number};AMOUNT:{invoice.Total:F2} RON");
    }

    [DbFact]
    public async Task The_invoice_shows_amounts_and_dates_in_the_reader_culture()
    {
        var invoice = await IssueAsync();
        var invariant = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{invoice.Total:F2} RON");

        var ro = await HtmlAsync("ro");
        var lv = await HtmlAsync("lv");
        var en = await HtmlAsync("en");

        ro.ShouldContain(invariant.Replace('.', ',') + "</td>");
        ro.ShouldContain(invoice.DueDate.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        ro.ShouldContain("octombrie 2026");
        ro.ShouldNotContain(invariant);
        lv.ShouldContain(invariant.Replace('.', ',') + "</td>");
        lv.ShouldContain("7,500</td>");
        en.ShouldContain(invariant + "</td>");
        en.ShouldContain(invoice.DueDate.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        en.ShouldContain("7.500</td>");

        async Task<string> HtmlAsync(string culture) =>
            Encoding.UTF8.GetString((await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Html, culture))).Value.Content);
    }

    [DbFact]
    public async Task The_pdf_invoice_contains_the_number_and_every_diacritic()
    {
        var invoice = await IssueAsync();

        var pdf = await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Pdf, "ro"));

        pdf.IsSuccess.ShouldBeTrue(pdf.ToString());
        pdf.Value.ContentType.ShouldBe("application/pdf");
        var text = await Pdf.TextAsync(pdf.Value.Content);
        text.ShouldContain(invoice.Number);
        foreach (var letter in Diacritics.Split(' '))
        {
            text.ShouldContain(letter);
        }
    }

    [DbFact]
    public async Task An_invoice_pdf_is_rendered_once_per_language_and_served_as_stored_afterwards()
    {
        var invoice = await IssueAsync();
        var first = (await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Pdf, "ro"))).Value.Content;

        // Replace what was stored: a second request answers it, so it did not render again.
        var marker = "%PDF-1.4 stored"u8.ToArray();
        await Host.WithContextAsync<BillingDbContext, int>(db => db.InvoiceDocuments.Where(d => d.InvoiceId == invoice.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Content, marker)));
        (await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Pdf, "ro-RO"))).Value.Content.ShouldBe(marker);

        var latvian = (await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Pdf, "lv"))).Value.Content;
        (await Pdf.TextAsync(latvian)).ShouldContain("Rēķins");
        (await Pdf.TextAsync(first)).ShouldContain("Factură");
        var stored = await Host.WithContextAsync<BillingDbContext, List<string>>(db =>
            db.InvoiceDocuments.Where(d => d.InvoiceId == invoice.Id).Select(d => d.Culture).ToListAsync());
        stored.Order().ShouldBe(["lv", "ro"]);
    }

    [DbFact]
    public async Task The_document_shows_the_invoice_as_issued_whatever_is_paid_later()
    {
        var invoice = await IssueAsync();
        await DeliverAsync(new PaymentSettled(Guid.NewGuid(), Host.Clock.GetCurrentInstant(), Guid.NewGuid(), invoice.CustomerId,
            new Money(10m, Currency.Ron), [invoice.Id], PaymentChannel.Online, "R-1", new LocalDate(2026, 11, 3)));
        var paid = await InvoiceOfAsync(invoice.ContractId, October);
        paid.Paid.ShouldBe(10m);

        var html = Encoding.UTF8.GetString((await Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Html, "en"))).Value.Content);

        html.ShouldContain(new Money(invoice.Total, Currency.Ron).ToString());
        html.ShouldNotContain(new Money(invoice.Total - 10m, Currency.Ron).ToString());
        Documents.InvoiceDocumentRenderer.PaymentReference(paid).ShouldEndWith($"AMOUNT:{invoice.Total:F2} RON");
    }

    [DbFact]
    public async Task Two_first_requests_at_once_both_get_the_pdf_and_one_is_stored()
    {
        var invoice = await IssueAsync();

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => Host.SendAsync(new GetInvoiceDocument(invoice.Id, DocumentFormat.Pdf, "en")))));

        both.ShouldAllBe(r => r.IsSuccess && r.Value.Content.Length > 1000);
        (await Host.WithContextAsync<BillingDbContext, int>(db => db.InvoiceDocuments.CountAsync(d => d.InvoiceId == invoice.Id))).ShouldBe(1);
    }

    protected override void Cleanup() => Directory.Delete(_pickup, recursive: true);
}

public sealed class SqliteDocumentTests(SqliteDatabase database) : DocumentTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDocumentTests(PostgresDatabase database) : DocumentTests(database), IClassFixture<PostgresDatabase>;
