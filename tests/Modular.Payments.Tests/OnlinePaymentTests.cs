using System.Net;
using System.Text;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.Payments.Gateway;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>Online payments end to end: amount from invoices, idempotency, scope, the sandbox page and signed callbacks.</summary>
public abstract class OnlinePaymentTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [DbFact]
    public async Task The_amount_is_the_sum_of_what_the_invoices_still_owe_without_commission()
    {
        var (user, a, b) = UserWithTwoInvoices(120.50m, 80m, paidOnSecond: 30m);
        var created = await _host.SendAsync(new CreatePayment([a.InvoiceId, b.InvoiceId], null, Key(), "/paid"), user);
        created.Value.Amount.ShouldBe(Money.Of(170.50m, "RON"));
        created.Value.RedirectUrl.ShouldBe($"/payments/sandbox/pay/{created.Value.Reference}");
        (await _host.SendAsync(new GetPaymentStatus(created.Value.PaymentId), user)).Value.ShouldBe(PaymentStatus.Pending);
    }

    [DbFact]
    public async Task The_same_idempotency_key_answers_the_same_payment()
    {
        var (user, a, _) = UserWithTwoInvoices(50m, 10m);
        var key = Key();
        var first = await _host.SendAsync(new CreatePayment([a.InvoiceId], null, key, "/paid"), user);
        var second = await _host.SendAsync(new CreatePayment([a.InvoiceId], null, key, "/paid"), user);
        second.Value.PaymentId.ShouldBe(first.Value.PaymentId);
        second.Value.RedirectUrl.ShouldBe(first.Value.RedirectUrl);
    }

    [DbFact]
    public async Task Reusing_an_idempotency_key_with_other_content_is_refused()
    {
        var (user, a, b) = UserWithTwoInvoices(50m, 10m);
        var key = Key();
        await _host.SendAsync(new CreatePayment([a.InvoiceId], null, key, "/paid"), user);
        var reused = await _host.SendAsync(new CreatePayment([b.InvoiceId], null, key, "/paid"), user);
        reused.Error.Code.ShouldBe("payments.idempotency_key_reused");
        (await _host.SendAsync(new GetMyPayments(), user)).Value.Count.ShouldBe(1);
    }

    [DbFact]
    public async Task Concurrent_requests_with_one_key_create_one_payment()
    {
        var (user, a, _) = UserWithTwoInvoices(50m, 10m);
        var key = Key();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _host.SendAsync(new CreatePayment([a.InvoiceId], null, key, "/paid"), user)));
        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => r.Value.PaymentId).Distinct().Count().ShouldBe(1);
        (await _host.SendAsync(new GetMyPayments(), user)).Value.Count.ShouldBe(1);
    }

    [DbFact]
    public async Task A_user_cannot_pay_an_invoice_outside_their_scope()
    {
        var (user, _, _) = UserWithTwoInvoices(50m, 10m);
        var stranger = _host.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
        var foreign = _host.World.AddInvoice(stranger, "AP " + Random.Shared.Next(100000, 999999), 99m);
        var result = await _host.SendAsync(new CreatePayment([foreign.InvoiceId], null, Key(), "/paid"), user);
        result.Error.Code.ShouldBe("payments.invoice_not_found");
        (await _host.SendAsync(new GetMyPayments(), user)).Value.ShouldBeEmpty();
    }

    [DbFact]
    public async Task Invoices_of_several_client_codes_of_one_user_settle_as_one_share_per_customer()
    {
        var first = _host.World.AddCustomer(Code());
        var second = _host.World.AddCustomer(Code());
        var a = _host.World.AddInvoice(first, Number(), 40m);
        var b = _host.World.AddInvoice(second, Number(), 60m);
        var user = _host.World.UserOf(first, second);
        var created = (await _host.SendAsync(new CreatePayment([a.InvoiceId, b.InvoiceId], null, Key(), "/paid"), user)).Value;
        await Callback(created.Reference, "approved", "100.00", "RON");
        var events = await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference);
        events.Count.ShouldBe(2);
        events.ShouldContain(e => e.Contains(first.CustomerId.ToString()) && e.Contains("40"));
        events.ShouldContain(e => e.Contains(second.CustomerId.ToString()) && e.Contains("60"));
    }

    [DbFact]
    public async Task A_partial_amount_pays_the_invoices_in_order_and_an_over_payment_becomes_credit()
    {
        var (user, a, b) = UserWithTwoInvoices(100m, 50m);
        var partial = await _host.SendAsync(new CreatePayment([a.InvoiceId, b.InvoiceId], 120m, Key(), "/paid"), user);
        partial.Value.Amount.ShouldBe(Money.Of(120m, "RON"));
        var over = await _host.SendAsync(new CreatePayment([a.InvoiceId, b.InvoiceId], 200m, Key(), "/paid"), user);
        over.Value.Amount.ShouldBe(Money.Of(200m, "RON"));
        var zero = await _host.SendAsync(new CreatePayment([a.InvoiceId], 0m, Key(), "/paid"), user);
        zero.Error.Code.ShouldBe("payments.amount_not_positive");
    }

    [DbFact]
    public async Task An_invoice_already_paid_cannot_be_paid_again()
    {
        var customer = _host.World.AddCustomer(Code());
        var paid = _host.World.AddInvoice(customer, Number(), 10m, paid: 10m);
        var result = await _host.SendAsync(new CreatePayment([paid.InvoiceId], null, Key(), "/paid"), _host.World.UserOf(customer));
        result.Error.Code.ShouldBe("payments.invoice_already_paid");
    }

    [DbFact]
    public async Task Approving_on_the_sandbox_page_settles_through_the_signed_callback_and_redirects_back()
    {
        var (user, a, _) = UserWithTwoInvoices(75m, 10m);
        var created = (await _host.SendAsync(new CreatePayment([a.InvoiceId], null, Key(), "/paid?x=1"), user)).Value;
        using var browser = new SandboxBrowser(_host.BaseAddress);
        var (page, token) = await browser.OpenAsync(created.RedirectUrl);
        page.ShouldContain("75,00 RON");
        var response = await browser.DecideAsync(created.RedirectUrl, "approve", token);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith($"/paid?x=1&payment={created.PaymentId}");
        response.Headers.Location!.ToString().ShouldEndWith("callback=200");
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId), user)).Value.ShouldBe(PaymentStatus.Settled);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).Count.ShouldBe(1);
    }

    [DbFact]
    public async Task Declining_on_the_sandbox_page_leaves_the_payment_declined_without_event()
    {
        var (user, a, _) = UserWithTwoInvoices(75m, 10m);
        var created = (await _host.SendAsync(new CreatePayment([a.InvoiceId], null, Key(), "/paid"), user)).Value;
        using var browser = new SandboxBrowser(_host.BaseAddress);
        (await browser.OpenAndDecideAsync(created.RedirectUrl, "decline")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId), user)).Value.ShouldBe(PaymentStatus.Declined);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task The_same_callback_twice_applies_once()
    {
        var created = await NewPaymentAsync(75m);
        var body = Body(created.Reference, "approved", "75.00", "RON");
        (await Post(body, _host.Clock.GetCurrentInstant())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Post(body, _host.Clock.GetCurrentInstant())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).Count.ShouldBe(1);
        var details = (await _host.SendAsync(new GetPayment(created.PaymentId))).Value;
        details.History.Count(h => h.Kind == "settled").ShouldBe(1);
    }

    [DbFact]
    public async Task Concurrent_callbacks_on_two_instances_apply_once()
    {
        var created = await NewPaymentAsync(75m);
        var body = Body(created.Reference, "approved", "75.00", "RON");
        await using var second = await PaymentsHost.StartAsync(database);
        var now = _host.Clock.GetCurrentInstant();
        second.Clock.Set(now);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Post(body, now, i % 2 == 0 ? _host : second)));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).Count.ShouldBe(1);
    }

    [DbFact]
    public async Task A_late_declined_callback_never_downgrades_a_settled_payment()
    {
        var created = await NewPaymentAsync(75m);
        await Callback(created.Reference, "approved", "75.00", "RON");
        await Callback(created.Reference, "declined", "75.00", "RON");
        await Callback(created.Reference, "pending", "75.00", "RON");
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Settled);
    }

    [DbFact]
    public async Task An_approved_callback_after_a_declined_one_settles()
    {
        var created = await NewPaymentAsync(75m);
        await Callback(created.Reference, "declined", "75.00", "RON");
        await Callback(created.Reference, "approved", "75.00", "RON");
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Settled);
    }

    [DbTheory]
    [InlineData("74.99", "RON")]
    [InlineData("75.00", "EUR")]
    public async Task A_callback_whose_amount_or_currency_differs_is_refused(string amount, string currency)
    {
        var created = await NewPaymentAsync(75m);
        var response = await Post(Body(created.Reference, "approved", amount, currency), _host.Clock.GetCurrentInstant());
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var details = (await _host.SendAsync(new GetPayment(created.PaymentId))).Value;
        details.Payment.Status.ShouldBe(PaymentStatus.Pending);
        details.History.ShouldContain(h => h.Kind == "callback_refused");
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_callback_for_an_unknown_reference_is_not_found()
    {
        var response = await Post(Body("PNOSUCHREFERENCE", "approved", "1.00", "RON"), _host.Clock.GetCurrentInstant());
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task A_tampered_body_is_refused()
    {
        var created = await NewPaymentAsync(75m);
        var body = Body(created.Reference, "approved", "75.00", "RON");
        var now = _host.Clock.GetCurrentInstant();
        var signature = Sign(body, now);
        var tampered = Body(created.Reference, "approved", "75.00", "RON").Replace("approved", "Approved", StringComparison.Ordinal);
        (await Post(tampered, now, _host, signature)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Pending);
    }

    [DbFact]
    public async Task A_wrong_signature_is_refused()
    {
        var created = await NewPaymentAsync(75m);
        var body = Body(created.Reference, "approved", "75.00", "RON");
        var wrong = Convert.ToHexStringLower(SandboxGateway.Signature("another-secret-0123456789", Timestamp(_host.Clock.GetCurrentInstant()), Encoding.UTF8.GetBytes(body)));
        (await Post(body, _host.Clock.GetCurrentInstant(), _host, wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Post(body, _host.Clock.GetCurrentInstant(), _host, "not-hex")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Pending);
    }

    [DbTheory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task A_stale_or_future_timestamp_is_refused(int offsetSeconds)
    {
        var created = await NewPaymentAsync(75m);
        var at = _host.Clock.GetCurrentInstant() + Duration.FromSeconds(offsetSeconds);
        (await Post(Body(created.Reference, "approved", "75.00", "RON"), at)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Pending);
    }

    [DbFact]
    public async Task A_timestamp_within_the_tolerance_is_accepted()
    {
        var created = await NewPaymentAsync(75m);
        var at = _host.Clock.GetCurrentInstant() - Duration.FromSeconds(299);
        (await Post(Body(created.Reference, "approved", "75.00", "RON"), at)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task Reconciliation_asks_the_gateway_about_payments_pending_too_long()
    {
        var lost = await NewPaymentAsync(75m);
        var fresh = await NewPaymentAsync(20m);
        _host.Sandbox.TryDecide(lost.Reference, approve: true, lost.Amount).ShouldNotBeNull();
        _host.Clock.Advance(Duration.FromMinutes(16));
        var recent = await NewPaymentAsync(30m);
        _host.Sandbox.TryDecide(recent.Reference, approve: true, recent.Amount).ShouldNotBeNull();
        var report = (await _host.SendAsync(new ReconcilePendingPayments())).Value;
        // The class shares its database with other tests, so the report counts their pending payments too.
        report.Settled.ShouldBeGreaterThanOrEqualTo(1);
        report.StillPending.ShouldBeGreaterThanOrEqualTo(1);
        (await _host.SendAsync(new GetPaymentStatus(lost.PaymentId))).Value.ShouldBe(PaymentStatus.Settled);
        (await _host.SendAsync(new GetPaymentStatus(fresh.PaymentId))).Value.ShouldBe(PaymentStatus.Pending);
        (await _host.SendAsync(new GetPaymentStatus(recent.PaymentId))).Value.ShouldBe(PaymentStatus.Pending);
    }

    [DbFact]
    public async Task Refunds_keep_history_publish_reversals_and_never_exceed_the_payment()
    {
        var created = await NewPaymentAsync(75m);
        await Callback(created.Reference, "approved", "75.00", "RON");
        var first = await _host.SendAsync(new RefundPayment(created.PaymentId, 25m, "Double payment", "r1"));
        first.Value.Status.ShouldBe(PaymentStatus.PartiallyRefunded);
        (await _host.SendAsync(new RefundPayment(created.PaymentId, 25m, "Double payment", "r1"))).Value.RefundId.ShouldBe(first.Value.RefundId);
        (await _host.SendAsync(new RefundPayment(created.PaymentId, 51m, "Too much", "r2"))).Error.Code.ShouldBe("payments.refund_too_large");
        (await _host.SendAsync(new RefundPayment(created.PaymentId, 50m, "Rest", "r3"))).Value.Status.ShouldBe(PaymentStatus.Refunded);
        var details = (await _host.SendAsync(new GetPayment(created.PaymentId))).Value;
        details.Refunded.ShouldBe(Money.Of(75m, "RON"));
        details.History.Select(h => h.Kind).ShouldBe(["created", "settled", "refunded", "refunded"]);
        (await _host.OutboxPayloadsAsync(nameof(PaymentReversed), created.PaymentId.ToString())).Count.ShouldBe(2);
    }

    [DbFact]
    public async Task Concurrent_refunds_cannot_refund_more_than_was_paid()
    {
        var created = await NewPaymentAsync(75m);
        await Callback(created.Reference, "approved", "75.00", "RON");
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _host.SendAsync(new RefundPayment(created.PaymentId, 40m, "Race", "race-" + i))));
        results.Count(r => r.IsSuccess).ShouldBe(1);
        (await _host.SendAsync(new GetPayment(created.PaymentId))).Value.Refunded.ShouldBe(Money.Of(40m, "RON"));
    }

    [DbFact]
    public async Task Portal_users_cannot_refund_and_cannot_refund_a_pending_payment()
    {
        var created = await NewPaymentAsync(75m);
        (await _host.SendAsync(new RefundPayment(created.PaymentId, 5m, "x", "p1"), _host.World.UserOf())).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(new RefundPayment(created.PaymentId, 5m, "x", "p2"))).Error.Code.ShouldBe("payments.not_settled");
    }

    private async Task<PaymentCreated> NewPaymentAsync(decimal amount)
    {
        var customer = _host.World.AddCustomer(Code());
        var invoice = _host.World.AddInvoice(customer, Number(), amount);
        return (await _host.SendAsync(new CreatePayment([invoice.InvoiceId], null, Key(), "/paid"), _host.World.UserOf(customer))).Value;
    }

    private (Core.Access.Caller User, Billing.Contracts.InvoiceSummary A, Billing.Contracts.InvoiceSummary B) UserWithTwoInvoices(
        decimal first, decimal second, decimal paidOnSecond = 0m)
    {
        var customer = _host.World.AddCustomer(Code());
        var a = _host.World.AddInvoice(customer, Number(), first);
        var b = _host.World.AddInvoice(customer, Number(), second, paidOnSecond);
        return (_host.World.UserOf(customer), a, b);
    }

    private async Task Callback(string reference, string state, string amount, string currency) =>
        (await Post(Body(reference, state, amount, currency), _host.Clock.GetCurrentInstant())).StatusCode.ShouldBeOneOf(HttpStatusCode.OK);

    private static string Body(string reference, string state, string amount, string currency) =>
        $$"""{"reference":"{{reference}}","transactionId":"t-{{reference}}-{{state}}","state":"{{state}}","amount":"{{amount}}","currency":"{{currency}}"}""";

    private static string Timestamp(Instant at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Sign(string body, Instant at) =>
        Convert.ToHexStringLower(SandboxGateway.Signature(PaymentsHost.Secret, Timestamp(at), Encoding.UTF8.GetBytes(body)));

    private async Task<HttpResponseMessage> Post(string body, Instant at, PaymentsHost? host = null, string? signature = null)
    {
        var target = host ?? _host;
        using var request = new HttpRequestMessage(HttpMethod.Post, target.BaseAddress + "/payments/callback/sandbox")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SandboxGateway.TimestampHeader, Timestamp(at));
        request.Headers.Add(SandboxGateway.SignatureHeader, signature ?? Sign(body, at));
        return await _http.SendAsync(request);
    }

    private static string Key() => "k-" + Guid.NewGuid().ToString("N");

    private static string Code() => "C" + Guid.NewGuid().ToString("N")[..8];

    private static string Number() => "AP " + Guid.NewGuid().ToString("N")[..8];
}

public sealed class SqliteOnlinePaymentTests(SqliteDatabase database) : OnlinePaymentTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresOnlinePaymentTests(PostgresDatabase database) : OnlinePaymentTests(database), IClassFixture<PostgresDatabase>;
