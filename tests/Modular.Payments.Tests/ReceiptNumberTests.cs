using System.Net;
using System.Text;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Gateway;
using Modular.Payments.Persistence;
using Modular.Payments.Receipts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>
/// Receipt numbers: one gapless series for the money the utility takes itself, allocated in the settling transaction,
/// so settlements racing on two instances never share a number and every settled payment shows its own.
/// </summary>
public abstract class ReceiptNumberTests(TestDatabase database) : IAsyncLifetime
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
    public async Task Payments_settling_concurrently_on_two_instances_get_distinct_numbers_of_one_series()
    {
        await using var second = await PaymentsHost.StartAsync(database);
        var now = _host.Clock.GetCurrentInstant();
        second.Clock.Set(now);
        var created = new List<PaymentCreated>();
        for (var i = 0; i < 8; i++)
        {
            created.Add(await NewPaymentAsync(10m + i));
        }

        // Every callback is sent twice (once to each instance), all at once.
        var responses = await Task.WhenAll(created.SelectMany((p, i) => new[] { _host, second }
            .Select(host => Post(Body(p.Reference, "approved", (10m + i).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)), now, host))));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);

        var numbers = new List<string>();
        foreach (var payment in created)
        {
            var details = (await _host.SendAsync(new GetPayment(payment.PaymentId))).Value;
            details.Payment.Status.ShouldBe(PaymentStatus.Settled);
            numbers.Add(details.Payment.ReceiptNumber.ShouldNotBeNull());
        }

        numbers.Distinct().Count().ShouldBe(created.Count);
        numbers.ShouldAllBe(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^R [0-9]{6}$"));
        // Gapless: the racing settlements took consecutive numbers.
        var values = numbers.Select(n => int.Parse(n[2..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        (values[^1] - values[0]).ShouldBe(created.Count - 1);
    }

    [DbFact]
    public async Task A_pending_or_declined_payment_has_no_receipt_number_and_a_late_approval_numbers_it_once()
    {
        var declined = await NewPaymentAsync(20m);
        var now = _host.Clock.GetCurrentInstant();
        (await Post(Body(declined.Reference, "declined", "20.00"), now)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _host.SendAsync(new GetPayment(declined.PaymentId))).Value.Payment.ReceiptNumber.ShouldBeNull();
        (await _host.SendAsync(new GetReceipt(declined.PaymentId, ReceiptFormat.Html))).Error.Code.ShouldBe("payments.payment_not_found");

        (await Post(Body(declined.Reference, "approved", "20.00"), now)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var number = (await _host.SendAsync(new GetPayment(declined.PaymentId))).Value.Payment.ReceiptNumber.ShouldNotBeNull();
        (await Post(Body(declined.Reference, "approved", "20.00"), now)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _host.SendAsync(new GetPayment(declined.PaymentId))).Value.Payment.ReceiptNumber.ShouldBe(number);
    }

    [DbFact]
    public async Task A_payment_settled_by_the_reconciliation_job_gets_its_number_in_the_same_transaction()
    {
        var lost = await NewPaymentAsync(33m);
        _host.Sandbox.TryDecide(lost.Reference, approve: true, lost.Amount).ShouldNotBeNull();
        _host.Clock.Advance(Duration.FromMinutes(16));
        (await _host.SendAsync(new ReconcilePendingPayments())).Value.Settled.ShouldBeGreaterThanOrEqualTo(1);
        var payment = (await _host.SendAsync(new GetPayment(lost.PaymentId))).Value.Payment;
        payment.Status.ShouldBe(PaymentStatus.Settled);
        payment.ReceiptNumber.ShouldNotBeNull().ShouldMatch("^R [0-9]{6}$");
    }

    [DbFact]
    public async Task A_settlement_that_dies_before_its_commit_takes_its_number_with_it_and_the_series_goes_on_without_a_gap()
    {
        var customer = _host.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
        string lost;
        await using (var scope = _host.BeginScope())
        {
            var db = scope.Resolve<PaymentsDbContext>();
            var now = _host.Clock.GetCurrentInstant();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var payment = Payment.Received(SequentialId.New(now), SequentialId.NewReference(now),
                AllocationPlan.ForCustomer(customer.CustomerId, Core.Money.Money.Of(5m, "RON")), PaymentChannel.Cash, new LocalDate(2026, 11, 25), now);
            db.Payments.Add(payment);
            await db.SaveChangesAsync();
            await ReceiptNumbers.AssignAsync(db, "R", [payment], CancellationToken.None);
            lost = payment.ReceiptNumber.ShouldNotBeNull();
            // The process dies here: the transaction is never committed.
        }

        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter);
        var next = (await _host.SendAsync(new RecordCounterPayment(customer.ClientCode, [], 5m, "RON", CounterMethod.Cash, "C1", "T1",
            Guid.NewGuid().ToString("N")), cashier)).Value;
        next.ReceiptNumber.ShouldBe(lost);
        (await _host.WithDbAsync(db => db.Payments.CountAsync(p => p.ReceiptNumber == lost))).ShouldBe(1);
    }

    [DbFact]
    public async Task Counter_and_online_payments_share_the_series_and_the_customer_sees_the_number_in_the_list_and_on_the_receipt()
    {
        var customer = _host.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
        var invoice = _host.World.AddInvoice(customer, "AP " + Guid.NewGuid().ToString("N")[..8], 30m);
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter);
        var counter = (await _host.SendAsync(new RecordCounterPayment(customer.ClientCode, [invoice.InvoiceId], 30m, "RON", CounterMethod.Cash, "C1", "T1",
            Guid.NewGuid().ToString("N")), cashier)).Value;
        counter.ReceiptNumber.ShouldMatch("^R [0-9]{6}$");

        var online = await NewPaymentAsync(12m);
        (await Post(Body(online.Reference, "approved", "12.00"), _host.Clock.GetCurrentInstant())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var onlineNumber = (await _host.SendAsync(new GetPayment(online.PaymentId))).Value.Payment.ReceiptNumber.ShouldNotBeNull();
        onlineNumber.ShouldNotBe(counter.ReceiptNumber);

        var mine = (await _host.SendAsync(new GetMyPayments(), _host.World.UserOf(customer))).Value;
        mine.Single(p => p.PaymentId == counter.PaymentId).ReceiptNumber.ShouldBe(counter.ReceiptNumber);
        var receipt = (await _host.SendAsync(new GetReceipt(online.PaymentId, ReceiptFormat.Html, "en"))).Value;
        Encoding.UTF8.GetString(receipt.Content).ShouldContain(onlineNumber);
        Encoding.UTF8.GetString(receipt.Content).ShouldContain("(online card payment)");
        receipt.FileName.ShouldBe(onlineNumber + ".html");
    }

    private async Task<PaymentCreated> NewPaymentAsync(decimal amount)
    {
        var customer = _host.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
        var invoice = _host.World.AddInvoice(customer, "AP " + Guid.NewGuid().ToString("N")[..8], amount);
        return (await _host.SendAsync(new CreatePayment([invoice.InvoiceId], null, "k-" + Guid.NewGuid().ToString("N"), "/paid"),
            _host.World.UserOf(customer))).Value;
    }

    private static string Body(string reference, string state, string amount) =>
        $$"""{"reference":"{{reference}}","transactionId":"t-{{reference}}-{{state}}","state":"{{state}}","amount":"{{amount}}","currency":"RON"}""";

    private async Task<HttpResponseMessage> Post(string body, Instant at, PaymentsHost? host = null)
    {
        var target = host ?? _host;
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.BaseAddress + "/payments/callback/sandbox")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SandboxGateway.TimestampHeader, timestamp);
        request.Headers.Add(SandboxGateway.SignatureHeader,
            Convert.ToHexStringLower(SandboxGateway.Signature(PaymentsHost.Secret, timestamp, Encoding.UTF8.GetBytes(body))));
        return await _http.SendAsync(request);
    }
}

public sealed class SqliteReceiptNumberTests(SqliteDatabase database) : ReceiptNumberTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresReceiptNumberTests(PostgresDatabase database) : ReceiptNumberTests(database), IClassFixture<PostgresDatabase>;
