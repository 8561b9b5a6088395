using System.Net;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>The payments screens: search, a payment's page with its history and receipt, the customer page's section, refunds.</summary>
public abstract class PaymentScreenTests(DemoPortal demo)
{
    [DbFact]
    public async Task Staff_who_read_payments_reach_the_screens_and_only_supervisors_refund()
    {
        var payment = await AliceCashPaymentAsync();
        foreach (var role in new[] { StaffRoles.Cashier, StaffRoles.CustomerService })
        {
            var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
            (await browser.GetAsync("/staff/payments")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await browser.GetStringAsync("/staff")).ShouldContain("href=\"/staff/payments\"");
            var page = await browser.GetStringAsync($"/staff/payments/{payment.PaymentId}");
            page.ShouldContain(payment.ReceiptNumber!);
            page.ShouldNotContain("handler=Refund");
            (await StaffDesk.PostAsync(browser, "/staff", $"/staff/payments/{payment.PaymentId}?handler=Refund",
                ("Amount", "1,00"), ("Reason", "x"), ("IdempotencyKey", Guid.NewGuid().ToString("N")))).ShouldBeRefused();
        }

        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        (await supervisor.GetStringAsync($"/staff/payments/{payment.PaymentId}")).ShouldContain("handler=Refund");
        (await demo.Portal.Client(https: true).GetAsync($"/staff/payments/{payment.PaymentId}")).ShouldBeSentToStaffSignIn();
        (await demo.AsSystemAsync(async m => (await m.Send(new GetPayment(payment.PaymentId))).Value.Refunded.Amount)).ShouldBe(0m);
    }

    [DbFact]
    public async Task The_search_finds_by_client_code_and_receipt_number_and_refuses_a_date_that_is_not_one()
    {
        var payment = await AliceCashPaymentAsync();
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Cashier));

        (await browser.GetStringAsync("/staff/payments?q=" + demo.Alice.Customer.ClientCode)).ShouldContain($"/staff/payments/{payment.PaymentId}");
        var byReceipt = await browser.GetStringAsync("/staff/payments?q=" + Uri.EscapeDataString(payment.ReceiptNumber!));
        byReceipt.ShouldContain($"/staff/payments/{payment.PaymentId}");
        byReceipt.Split("data-payment=").Length.ShouldBe(2);
        (await browser.GetStringAsync($"/staff/payments?q={demo.Bob.Customer.ClientCode}")).ShouldNotContain($"/staff/payments/{payment.PaymentId}");
        WebUtility.HtmlDecode(await browser.GetStringAsync("/staff/payments?From=31.11.2026")).ShouldContain("Alegeți o dată.");
    }

    [DbFact]
    public async Task The_customer_page_lists_the_customer_s_payments_and_the_payment_page_prints_its_receipt()
    {
        var payment = await AliceCashPaymentAsync();
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Cashier));

        var customer = await browser.GetStringAsync($"/staff/customers/{demo.Alice.Customer.CustomerId}");
        customer.ShouldContain("id=\"customer-payments\"");
        customer.ShouldContain($"/staff/payments?customer={demo.Alice.Customer.CustomerId}");

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/staff/payments/{payment.PaymentId}"));
        page.ShouldContain("data-kind=\"settled\"");
        page.ShouldContain("Numerar la casierie");
        var receipt = await browser.GetAsync($"/staff/payments/{payment.PaymentId}?handler=Receipt&format=Html");
        receipt.StatusCode.ShouldBe(HttpStatusCode.OK);
        receipt.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        receipt.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(Modular.Web.Security.SecurityHeaders.DocumentPolicy);
        var html = WebUtility.HtmlDecode(await receipt.Content.ReadAsStringAsync());
        html.ShouldContain(payment.ReceiptNumber!);
        html.ShouldContain("Chitanță");
    }

    [DbFact]
    public async Task A_supervisor_refunds_part_of_a_payment_once_in_the_page_s_language_and_it_shows_in_the_history()
    {
        var payment = await AliceCashPaymentAsync();
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var browser = await demo.SignInAsync(staff);
        var page = $"/staff/payments/{payment.PaymentId}";

        var badAmount = await StaffDesk.PostAsync(browser, page, $"{page}?handler=Refund", ("Amount", "1.00"), ("Reason", "Plătită de două ori"), ("IdempotencyKey", "k-bad"));
        WebUtility.HtmlDecode(await badAmount.Content.ReadAsStringAsync()).ShouldContain("Introduceți suma ca 125,50");
        var tooMuch = await StaffDesk.PostAsync(browser, page, $"{page}?handler=Refund", ("Amount", "999 999,00"), ("Reason", "Plătită de două ori"), ("IdempotencyKey", "k-much"));
        WebUtility.HtmlDecode(await tooMuch.Content.ReadAsStringAsync()).ShouldContain("Se mai pot rambursa cel mult");
        var noReason = await StaffDesk.PostAsync(browser, page, $"{page}?handler=Refund", ("Amount", "1,00"), ("Reason", ""), ("IdempotencyKey", "k-reason"));
        WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()).ShouldContain("Indicați motivul.");
        (await demo.AsSystemAsync(async m => (await m.Send(new GetPayment(payment.PaymentId))).Value.Refunded.Amount)).ShouldBe(0m);

        var key = Guid.NewGuid().ToString("N");
        var token = await PortalFactory.AntiforgeryTokenAsync(browser, page);
        for (var i = 0; i < 2; i++)
        {
            (await PortalFactory.PostFormAsync(browser, $"{page}?handler=Refund", token, ("Amount", "1,00"), ("Reason", "Plătită de două ori"), ("IdempotencyKey", key)))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var details = await demo.AsSystemAsync(async m => (await m.Send(new GetPayment(payment.PaymentId))).Value);
        details.Refunded.Amount.ShouldBe(1m);
        details.Payment.Status.ShouldBe(PaymentStatus.PartiallyRefunded);
        details.History.Count(h => h.Kind == "refunded").ShouldBe(1);
        var shown = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
        shown.ShouldContain("data-kind=\"refunded\"");
        shown.ShouldContain("Plătită de două ori");
        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: staff.Id))).Value.Entries);
        trail.Count(e => e.Action == "Payments.RefundPayment" && e.Outcome == AuditOutcomes.Ok).ShouldBeGreaterThanOrEqualTo(1);
    }

    /// <summary>A new payment of Alice's in cash at a collection centre, with its receipt number.</summary>
    private Task<PaymentSummary> AliceCashPaymentAsync() => demo.AsSystemAsync(async m =>
    {
        var receipt = (await m.Send(new RecordCounterPayment(demo.Alice.Customer.ClientCode, [], 25m, "RON", CounterMethod.Cash, "Centrul Nord", "POS-1",
            Guid.NewGuid().ToString("N")))).Value;
        return (await m.Send(new GetPayment(receipt.PaymentId))).Value.Payment;
    });
}

public sealed class SqlitePaymentScreenTests(SqliteDemoPortal demo) : PaymentScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresPaymentScreenTests(PostgresDemoPortal demo) : PaymentScreenTests(demo), IClassFixture<PostgresDemoPortal>;
