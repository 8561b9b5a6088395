using System.Text;
using Modular.Billing.Contracts;
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
    public async Task An_issued_invoice_is_emailed_once_with_its_pdf_to_the_opted_in_recipients()
    {
        var invoice = await IssueAsync();
        World.Recipients[invoice.CustomerId] = [new(Guid.NewGuid(), "u1@example.test", "ro"), new(Guid.NewGuid(), "u2@example.test", "lv")];

        await Host.DrainOutboxAsync();
        await Host.DrainOutboxAsync();

        var mails = Directory.GetFiles(_pickup, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f))).ToList();
        mails.Count.ShouldBe(2);
        var latvian = mails.Single(m => m.To.Contains("u2@example.test"));
        latvian.Subject.ShouldContain("Rēķins " + invoice.Number);
        latvian.AttachmentNames.ShouldBe([invoice.Number.Replace(' ', '-') + ".pdf"]);
        var romanian = mails.Single(m => m.To.Contains("u1@example.test"));
        var total = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{invoice.Total:F2}").Replace('.', ',');
        romanian.Subject.ShouldBe($"Factura {invoice.Number} – {total} RON, scadentă la {invoice.DueDate.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    protected override void Cleanup() => Directory.Delete(_pickup, recursive: true);
}

public sealed class SqliteDocumentTests(SqliteDatabase database) : DocumentTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDocumentTests(PostgresDatabase database) : DocumentTests(database), IClassFixture<PostgresDatabase>;
