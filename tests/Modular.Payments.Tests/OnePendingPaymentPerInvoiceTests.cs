using System.Net;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>
/// While an online payment of an invoice is pending, another online payment of it is refused, on every instance: two tabs,
/// two devices or a double click must not charge the customer twice.
/// </summary>
public abstract class OnePendingPaymentPerInvoiceTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;
    private readonly CallbackClient _callbacks = new();

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync()
    {
        _callbacks.Dispose();
        await _host.DisposeAsync();
    }

    [DbFact]
    public async Task A_second_payment_of_a_pending_invoice_is_refused_with_its_number()
    {
        var (user, invoice) = NewInvoice(_host, 75m);
        var first = await _host.SendAsync(Pay(invoice), user);
        first.IsSuccess.ShouldBeTrue();

        var second = await _host.SendAsync(Pay(invoice), user);
        second.Error.Code.ShouldBe("payments.invoice_payment_pending");
        second.Error.Arguments["number"].ShouldBe(invoice.Number);
        second.Error.Arguments["minutes"].ShouldBe(30);
        (await _host.SendAsync(new GetMyPayments(), user)).Value.Count.ShouldBe(1);
    }

    [DbFact]
    public async Task Concurrent_payments_of_one_invoice_start_one_payment_and_only_it_settles()
    {
        var (user, invoice) = NewInvoice(_host, 75m);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _host.SendAsync(Pay(invoice), user))));

        var started = results.Where(r => r.IsSuccess).ToList();
        started.Count.ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "payments.invoice_payment_pending");
        (await _host.SendAsync(new GetMyPayments(), user)).Value.Count.ShouldBe(1);
        (await _callbacks.PostAsync(_host, CallbackClient.Body(started[0].Value.Reference, "approved", "75.00"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), invoice.InvoiceId.ToString())).Count.ShouldBe(1);
    }

    [DbFact]
    public async Task Concurrent_payments_of_one_invoice_on_two_instances_start_one_payment()
    {
        await using var second = await PaymentsHost.StartAsync(database);
        second.Clock.Set(_host.Clock.GetCurrentInstant());
        var (user, invoice) = NewInvoice(_host, 40m);
        Share(invoice, user, second);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? _host : second).SendAsync(Pay(invoice), user))));

        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "payments.invoice_payment_pending");
        (await _host.SendAsync(new GetMyPayments(), user)).Value.Count.ShouldBe(1);
    }

    [DbFact]
    public async Task A_payment_of_other_invoices_together_with_the_pending_one_is_refused_whole()
    {
        var customer = _host.World.AddCustomer(Code());
        var pending = _host.World.AddInvoice(customer, Number(), 20m);
        var other = _host.World.AddInvoice(customer, Number(), 30m);
        var user = _host.World.UserOf(customer);
        (await _host.SendAsync(Pay(pending), user)).IsSuccess.ShouldBeTrue();

        var both = await _host.SendAsync(new CreatePayment([other.InvoiceId, pending.InvoiceId], null, Key(), "/paid"), user);
        both.Error.Code.ShouldBe("payments.invoice_payment_pending");
        both.Error.Arguments["number"].ShouldBe(pending.Number);
        // Nothing of the refused payment holds the other invoice.
        (await _host.SendAsync(Pay(other), user)).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_declined_payment_releases_its_invoice()
    {
        var (user, invoice) = NewInvoice(_host, 75m);
        var first = (await _host.SendAsync(Pay(invoice), user)).Value;
        (await _callbacks.PostAsync(_host, CallbackClient.Body(first.Reference, "declined", "75.00"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _host.SendAsync(Pay(invoice), user)).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task An_abandoned_payment_holds_its_invoice_until_the_hold_ends_and_then_a_new_one_takes_it_over()
    {
        var (user, invoice) = NewInvoice(_host, 75m);
        (await _host.SendAsync(Pay(invoice), user)).IsSuccess.ShouldBeTrue();

        _host.Clock.Advance(Duration.FromMinutes(29));
        (await _host.SendAsync(Pay(invoice), user)).Error.Arguments["minutes"].ShouldBe(1);

        _host.Clock.Advance(Duration.FromMinutes(1));
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _host.SendAsync(Pay(invoice), user))));
        results.Count(r => r.IsSuccess).ShouldBe(1);
    }

    [DbFact]
    public async Task The_same_request_repeated_still_answers_its_own_pending_payment()
    {
        var (user, invoice) = NewInvoice(_host, 75m);
        var request = Pay(invoice);
        var first = (await _host.SendAsync(request, user)).Value;
        (await _host.SendAsync(request, user)).Value.PaymentId.ShouldBe(first.PaymentId);
    }

    private static (Caller User, InvoiceSummary Invoice) NewInvoice(PaymentsHost host, decimal amount)
    {
        var customer = host.World.AddCustomer(Code());
        return (host.World.UserOf(customer), host.World.AddInvoice(customer, Number(), amount));
    }

    /// <summary>The same customer, invoice and user in another instance's Billing and Accounts doubles.</summary>
    private void Share(InvoiceSummary invoice, Caller user, PaymentsHost other)
    {
        other.World.Invoices[invoice.InvoiceId] = invoice;
        other.World.Customers[invoice.ClientCode] = _host.World.Customers[invoice.ClientCode];
        other.World.UserCustomers[user.UserId!.Value] = _host.World.UserCustomers[user.UserId!.Value];
    }

    private static CreatePayment Pay(InvoiceSummary invoice) => new([invoice.InvoiceId], null, Key(), "/paid");

    private static string Key() => "k-" + Guid.NewGuid().ToString("N");

    private static string Code() => "C" + Guid.NewGuid().ToString("N")[..8];

    private static string Number() => "AP " + Guid.NewGuid().ToString("N")[..8];
}

public sealed class SqliteOnePendingPaymentPerInvoiceTests(SqliteDatabase database) : OnePendingPaymentPerInvoiceTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresOnePendingPaymentPerInvoiceTests(PostgresDatabase database) : OnePendingPaymentPerInvoiceTests(database), IClassFixture<PostgresDatabase>;
