using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests.Counter;

/// <summary>RequestCounterCancellation and DecideCounterCancellation: a supervisor's approval, once, the same day only.</summary>
public abstract class CancellationTests(TestDatabase database) : CashierDeskHost(database)
{
    [DbFact]
    public async Task A_cancellation_waits_for_a_supervisor_whose_approval_reverses_the_payment_once()
    {
        var (customer, invoice) = CustomerOwing(30m);
        var cashier = Cashier();
        var receipt = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 30m, 50m), cashier)).Value;

        // A cashier may ask, but not refund nor approve.
        (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, " "), cashier)).Error.Code.ShouldBe("payments.reason_required");
        var request = (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Wrong customer"), cashier)).Value;
        request.Status.ShouldBe(CounterCancellationStatus.Pending);
        (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Wrong customer"), cashier)).Value.CancellationId.ShouldBe(request.CancellationId);
        (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Again"), Cashier())).Error.Code.ShouldBe("payments.cancellation_exists");
        (await Host.SendAsync(new DecideCounterCancellation(request.CancellationId, true), cashier)).Error.Code.ShouldBe("core.forbidden");
        (await Host.SendAsync(new RefundPayment(receipt.PaymentId, 30m, "refund", Guid.NewGuid().ToString("N")), cashier)).Error.Code.ShouldBe("core.forbidden");
        (await Host.SendAsync(new GetPayment(receipt.PaymentId))).Value.Payment.Status.ShouldBe(PaymentStatus.Settled);
        (await Host.SendAsync(new ListPendingCounterCancellations(), Supervisor())).Value.ShouldContain(c => c.CancellationId == request.CancellationId);

        // Two supervisors (or two tabs) approving at once: one reversal.
        var decisions = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Host.SendAsync(new DecideCounterCancellation(request.CancellationId, true), Supervisor())));

        decisions.Count(d => d.IsSuccess).ShouldBe(1);
        decisions.Where(d => d.IsFailure).ShouldAllBe(d => d.Error.Code == "payments.cancellation_decided");
        var payment = (await Host.SendAsync(new GetPayment(receipt.PaymentId))).Value;
        payment.Payment.Status.ShouldBe(PaymentStatus.Reversed);
        payment.History.Count(h => h.Kind == "reversed").ShouldBe(1);
        (await Host.OutboxPayloadsAsync(nameof(PaymentReversed), receipt.PaymentId.ToString())).Count.ShouldBe(1);
        (await Host.SendAsync(new ListPendingCounterCancellations(), Supervisor())).Value.ShouldNotContain(c => c.CancellationId == request.CancellationId);
        (await Host.SendAsync(new GetCounterReceipt(receipt.PaymentId), cashier)).Value.Cancellation!.Status.ShouldBe(CounterCancellationStatus.Approved);
    }

    [DbFact]
    public async Task A_supervisor_does_not_approve_their_own_request_and_a_refusal_changes_nothing()
    {
        var (customer, invoice) = CustomerOwing(20m);
        var supervisor = Supervisor();
        var receipt = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 20m, 20m), supervisor)).Value;
        var request = (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Typed twice"), supervisor)).Value;

        (await Host.SendAsync(new DecideCounterCancellation(request.CancellationId, true), supervisor)).Error.Code.ShouldBe("payments.cancellation_own_request");
        (await Host.SendAsync(new DecideCounterCancellation(request.CancellationId, false), Supervisor())).Value.Status.ShouldBe(CounterCancellationStatus.Refused);

        (await Host.SendAsync(new GetPayment(receipt.PaymentId))).Value.Payment.Status.ShouldBe(PaymentStatus.Settled);
        (await Host.OutboxPayloadsAsync(nameof(PaymentReversed), receipt.PaymentId.ToString())).ShouldBeEmpty();
        (await Host.SendAsync(new DecideCounterCancellation(request.CancellationId, true), Supervisor())).Error.Code.ShouldBe("payments.cancellation_decided");
    }

    [DbFact]
    public async Task After_a_refusal_the_cashier_may_ask_again_once_and_that_request_is_decided_on_its_own()
    {
        var (customer, invoice) = CustomerOwing(30m);
        var cashier = Cashier();
        var receipt = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 30m, 30m), cashier)).Value;
        var first = (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Wrong"), cashier)).Value;
        (await Host.SendAsync(new DecideCounterCancellation(first.CancellationId, false), Supervisor())).IsSuccess.ShouldBeTrue();
        var refused = (await Host.SendAsync(new GetCounterReceipt(receipt.PaymentId), cashier)).Value;
        refused.Cancellation!.Status.ShouldBe(CounterCancellationStatus.Refused);
        refused.CancellableToday.ShouldBeTrue();

        // Two tabs asking again at once make one new request.
        var again = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Paid for the neighbour's invoice by mistake"), cashier)));
        again.ShouldAllBe(r => r.IsSuccess);
        again.Select(r => r.Value.CancellationId).Distinct().ShouldHaveSingleItem().ShouldNotBe(first.CancellationId);
        (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Third"), Cashier())).Error.Code.ShouldBe("payments.cancellation_exists");

        (await Host.SendAsync(new DecideCounterCancellation(again[0].Value.CancellationId, true), Supervisor())).IsSuccess.ShouldBeTrue();
        var approved = (await Host.SendAsync(new GetCounterReceipt(receipt.PaymentId), cashier)).Value;
        approved.Cancellation!.Status.ShouldBe(CounterCancellationStatus.Approved);
        approved.CancellableToday.ShouldBeFalse();
        (await Host.SendAsync(new GetPayment(receipt.PaymentId))).Value.Payment.Status.ShouldNotBe(PaymentStatus.Settled);
        var day = (await Host.SendAsync(new GetCashierDay(CashierDeskHost.Centre, "G1"), cashier)).Value;
        day.Lines.Single(l => l.PaymentId == receipt.PaymentId).Cancellation.ShouldBe(CounterCancellationStatus.Approved);
        (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Again"), cashier)).Error.Code.ShouldBe("payments.cancellation_exists");
    }

    [DbFact]
    public async Task A_counter_payment_is_not_cancelled_on_a_later_day()
    {
        var (customer, invoice) = CustomerOwing(25m);
        var cashier = Cashier();
        var receipt = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 25m, 25m), cashier)).Value;
        var request = (await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Wrong invoice"), cashier)).Value;
        var other = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 5m, 5m), cashier)).Value;

        Host.Clock.Advance(Duration.FromDays(1));

        (await Host.SendAsync(new DecideCounterCancellation(request.CancellationId, true), Supervisor())).Error.Code.ShouldBe("payments.cancellation_not_today");
        (await Host.SendAsync(new RequestCounterCancellation(other.PaymentId, "Late"), cashier)).Error.Code.ShouldBe("payments.cancellation_not_today");
        (await Host.SendAsync(new GetPayment(receipt.PaymentId))).Value.Payment.Status.ShouldBe(PaymentStatus.Settled);
        (await Host.SendAsync(new GetCounterReceipt(other.PaymentId), cashier)).Value.CancellableToday.ShouldBeFalse();
    }

    [DbFact]
    public async Task Only_counter_payments_are_cancelled_here()
    {
        var customer = Host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        using var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            $"ID tranzactie;Data;Cod client;Suma;Terminal\np-{customer.ClientCode};25.11.2026;{customer.ClientCode};10,00;T-1\n"));
        await Host.SendAsync(new ImportPartnerFile("PayPoint", csv, "p.csv"));
        var partner = (await Host.SendAsync(new GetMyPayments(500))).Value.Single(p => p.CustomerId == customer.CustomerId);

        (await Host.SendAsync(new RequestCounterCancellation(partner.PaymentId, "Not ours"), Cashier())).Error.Code.ShouldBe("payments.not_counter_payment");
    }
}

public sealed class SqliteCancellationTests(SqliteDatabase database) : CancellationTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresCancellationTests(PostgresDatabase database) : CancellationTests(database), IClassFixture<PostgresDatabase>;
