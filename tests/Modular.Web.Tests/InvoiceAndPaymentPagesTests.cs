using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Modular.Billing.Contracts;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Modular.Web.Localization;
using Modular.Web.Security;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// What a customer sees of an invoice (lines, consumption, contract, premises, due and grace dates) and of their payments
/// (receipts with their numbers, the chart, the CSV export, the API's receipt numbers), on the demo data.
/// </summary>
public abstract partial class InvoiceAndPaymentPagesTests(DemoPortal demo)
{
    [DbFact]
    public async Task The_invoice_page_shows_its_lines_meter_readings_contract_premises_due_and_grace_dates()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var invoice = demo.Alice.Invoices.Where(i => !i.Estimated).OrderByDescending(i => i.Period).First();
        var details = await demo.AsSystemAsync(async m => (await m.Send(new GetInvoiceDetails(invoice.InvoiceId))).Value);
        details.Lines.ShouldNotBeEmpty();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Invoices/{invoice.InvoiceId}"));
        CultureInfo.CurrentUICulture = new CultureInfo("ro");
        html.ShouldContain(details.ContractNumber);
        html.ShouldContain(details.ServiceAddress);
        html.ShouldContain("Scadența");
        html.ShouldContain(Formats.Date(invoice.DueDate));
        html.ShouldContain("Termen de grație");
        html.ShouldContain(Formats.Date(invoice.GraceDate));
        invoice.GraceDate.ShouldBeGreaterThan(invoice.DueDate);

        // Every line: description, quantity, unit, unit price, amount and VAT, in the page's language.
        html.ShouldContain("Apă potabilă");
        foreach (var line in details.Lines)
        {
            html.ShouldContain(Formats.Money(line.UnitPrice));
            html.ShouldContain(Formats.Money(line.Net));
            html.ShouldContain(Formats.Money(line.Vat));
            html.ShouldContain(Formats.Quantity(line.Quantity));
        }

        html.ShouldContain(Formats.Money(details.Net));
        html.ShouldContain(Formats.Quantity(details.CubicMeters) + " m³");

        // The meter's previous and current index and the m³ between them.
        var meter = demo.Alice.Meters.First(m => m.ContractId == invoice.ContractId);
        html.ShouldContain(meter.Serial);
        html.ShouldContain("Index anterior");
        html.ShouldContain("Index curent");
        var readings = await demo.AsSystemAsync(async m => (await m.Send(new Readings.Contracts.GetReadingHistory(meter.MeterId, null))).Value);
        var current = readings.Where(r => r.Period == invoice.Period && r.Status == Readings.Contracts.ReadingStatus.Accepted)
            .OrderByDescending(r => r.ReadingDate).First();
        html.ShouldContain(Formats.Quantity(current.Index) + " (" + Formats.Date(current.ReadingDate) + ")");
    }

    [DbFact]
    public async Task Another_customers_invoice_page_is_not_found()
    {
        var client = await demo.LogInAsync(demo.Alice);
        (await client.GetAsync($"/Invoices/{demo.Bob.Invoices[0].InvoiceId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task The_payments_page_draws_the_chart_of_money_paid_per_month_and_links_each_receipt()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var payments = await AlicePaymentsAsync();
        payments.ShouldNotBeEmpty();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Payments"));
        html.ShouldContain("<svg class=\"chart\"");
        html.ShouldContain("<rect class=\"bar\"");
        html.ShouldContain("href=\"/Payments?handler=Csv\"");
        // Counter and online payments carry the utility's receipt number; a bank transfer links its payment confirmation.
        payments.ShouldContain(p => p.ReceiptNumber != null);
        payments.ShouldContain(p => p.ReceiptNumber == null);
        foreach (var payment in payments)
        {
            html.ShouldContain($"href=\"/Payments/Receipt/{payment.PaymentId}\">{payment.ReceiptNumber ?? "Confirmare de plată"}</a>");
        }
    }

    [DbFact]
    public async Task The_payments_csv_has_one_row_per_payment_with_invariant_dates_and_amounts_whatever_the_language()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var payments = await AlicePaymentsAsync();
        var response = await client.GetAsync("/Payments?handler=Csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith(".csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("date,reference,receipt,channel,status,amount,currency");
        lines.Length.ShouldBe(payments.Count + 1);
        foreach (var payment in payments)
        {
            var date = (payment.ValueDate ?? default).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var amount = payment.Amount.Amount.ToString("0.00##", CultureInfo.InvariantCulture);
            lines.ShouldContain($"{date},{payment.Reference},{payment.ReceiptNumber},{payment.Channel},{payment.Status},{amount},RON");
        }

        lines.Skip(1).ShouldAllBe(l => CsvRow().IsMatch(l));
    }

    [DbFact]
    public async Task A_receipt_has_its_page_print_view_and_number_and_is_not_found_for_another_customer()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var payment = (await AlicePaymentsAsync()).First(p => p.ReceiptNumber != null);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/Payments/Receipt/{payment.PaymentId}"));
        page.ShouldContain(payment.ReceiptNumber!);
        page.ShouldContain($"href=\"/Payments/Receipt/{payment.PaymentId}?handler=Pdf\"");

        var print = await client.GetAsync($"/Payments/Receipt/{payment.PaymentId}?handler=Print");
        print.StatusCode.ShouldBe(HttpStatusCode.OK);
        print.Headers.GetValues("Content-Security-Policy").ShouldContain(SecurityHeaders.DocumentPolicy);
        (await print.Content.ReadAsStringAsync()).ShouldContain(payment.ReceiptNumber!);

        var bob = await demo.LogInAsync(demo.Bob);
        (await bob.GetAsync($"/Payments/Receipt/{payment.PaymentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetAsync($"/Payments/Receipt/{payment.PaymentId}?handler=Print")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task The_api_answers_each_settled_payment_with_its_receipt_number()
    {
        var created = await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "receipts", TokenScopes.Read);
        var api = TokenTests.Api(demo.Portal, created.Secret);
        var answer = JsonDocument.Parse(await api.GetStringAsync("/api/v1/payments")).RootElement;
        answer.GetArrayLength().ShouldBeGreaterThan(0);
        var expected = (await AlicePaymentsAsync()).ToDictionary(p => p.PaymentId.ToString(), p => p.ReceiptNumber);
        expected.Values.ShouldContain(n => n != null, "the demo customer paid at the counter too");
        foreach (var payment in answer.EnumerateArray())
        {
            // Bank transfers carry the bank's proof, not a receipt of the utility (decision 72): null for them.
            var number = payment.GetProperty("receiptNumber").GetString();
            number.ShouldBe(expected[payment.GetProperty("paymentId").GetString()!]);
            if (number is not null)
            {
                number.ShouldMatch("^R [0-9]{6}$");
            }
        }
    }

    private Task<IReadOnlyList<PaymentSummary>> AlicePaymentsAsync() => demo.AsSystemAsync(async m =>
        (IReadOnlyList<PaymentSummary>)(await m.Send(new GetMyPayments(500))).Value.Where(p => p.CustomerId == demo.Alice.Customer.CustomerId).ToList());

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2},P[0-9A-F]+,(R [0-9]{6})?,[A-Za-z]+,[A-Za-z]+,[0-9]+\\.[0-9]{2,4},RON$")]
    private static partial Regex CsvRow();
}

public sealed class SqliteInvoiceAndPaymentPagesTests(SqliteDemoPortal demo) : InvoiceAndPaymentPagesTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresInvoiceAndPaymentPagesTests(PostgresDemoPortal demo) : InvoiceAndPaymentPagesTests(demo), IClassFixture<PostgresDemoPortal>;
