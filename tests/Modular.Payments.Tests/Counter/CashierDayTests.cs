using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests.Counter;

/// <summary>GetCashierDay and CloseCashierDay: the day's totals, closed exactly once, no money taken after.</summary>
public abstract class CashierDayTests(TestDatabase database) : CashierDeskHost(database)
{
    [DbFact]
    public async Task The_day_adds_up_cash_card_receipts_and_cancellations_into_the_cash_to_hand_over()
    {
        var cashier = Cashier();
        var (a, first) = CustomerOwing(100m);
        var (b, second) = CustomerOwing(45.50m);
        var (c, third) = CustomerOwing(80m);
        await Host.SendAsync(Cash(a.ClientCode, first.InvoiceId, 100m, 100m), cashier);
        var cancelled = (await Host.SendAsync(Cash(b.ClientCode, second.InvoiceId, 45.50m, 50m), cashier)).Value;
        await Host.SendAsync(Card(c.ClientCode, third.InvoiceId, 80m, "POS-1"), cashier);
        // Another desk and another cashier are other days.
        await Host.SendAsync(Cash(a.ClientCode, first.InvoiceId, 7m, 7m, desk: "G2"), cashier);
        await Host.SendAsync(Cash(a.ClientCode, first.InvoiceId, 9m, 9m), Cashier());
        var request = (await Host.SendAsync(new RequestCounterCancellation(cancelled.PaymentId, "Wrong customer"), cashier)).Value;
        (await Host.SendAsync(new DecideCounterCancellation(request.CancellationId, true), Supervisor())).IsSuccess.ShouldBeTrue();

        var day = (await Host.SendAsync(new GetCashierDay(CashierDeskHost.Centre, "G1"), cashier)).Value;

        day.Date.ShouldBe(new NodaTime.LocalDate(2026, 11, 25));
        day.Cash.ShouldBe(Money.Of(145.50m, "RON"));
        day.Card.ShouldBe(Money.Of(80m, "RON"));
        day.Receipts.ShouldBe(3);
        day.Cancelled.ShouldBe(1);
        day.CashCancelled.ShouldBe(Money.Of(45.50m, "RON"));
        day.CashToHandOver.ShouldBe(Money.Of(100m, "RON"));
        day.ClosedAt.ShouldBeNull();
        day.Lines.Select(l => l.Cancellation).ShouldBe([null, CounterCancellationStatus.Approved, null]);
    }

    [DbFact]
    public async Task Two_tabs_closing_the_day_at_once_close_it_once_and_no_money_is_taken_after()
    {
        var cashier = Cashier();
        var (customer, invoice) = CustomerOwing(300m);
        var taken = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 120m, 200m), cashier)).Value;

        var closes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Host.SendAsync(new CloseCashierDay(CashierDeskHost.Centre, "G1"), cashier)));

        closes.Count(r => r.IsSuccess).ShouldBe(1);
        closes.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "payments.cashier_day_already_closed");
        var closed = closes.Single(r => r.IsSuccess).Value;
        (closed.CashToHandOver, closed.Receipts).ShouldBe((Money.Of(120m, "RON"), 1));
        var report = (await Host.SendAsync(new GetCashierDay(CashierDeskHost.Centre, "G1"), cashier)).Value;
        report.ClosedAt.ShouldNotBeNull();
        report.CashToHandOver.ShouldBe(Money.Of(120m, "RON"));

        var after = await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 10m, 10m), cashier);
        after.Error.Code.ShouldBe("payments.cashier_day_closed");
        (await Host.SendAsync(new GetMyPayments(500))).Value.Count(p => p.CustomerId == customer.CustomerId).ShouldBe(1);
        (await Host.SendAsync(new RequestCounterCancellation(taken.PaymentId, "Too late"), cashier)).Error.Code.ShouldBe("payments.cashier_day_closed");
        // The same form submitted again after the close still answers its receipt; another desk is another day.
        (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 10m, 10m, desk: "G3"), cashier)).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_close_racing_payments_counts_every_payment_that_got_in_and_refuses_the_rest()
    {
        var cashier = Cashier();
        var (customer, invoice) = CustomerOwing(1000m);
        await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 1m, 1m), cashier);

        var payments = Enumerable.Range(0, 3).Select(_ => Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 10m, 10m), cashier)).ToList();
        var close = Host.SendAsync(new CloseCashierDay(CashierDeskHost.Centre, "G1"), cashier);
        await Task.WhenAll(payments);
        var closed = (await close).Value;

        var accepted = payments.Count(p => p.Result.IsSuccess);
        payments.Where(p => p.Result.IsFailure).ShouldAllBe(p => p.Result.Error.Code == "payments.cashier_day_closed");
        var stored = (await Host.SendAsync(new GetMyPayments(500))).Value.Count(p => p.CustomerId == customer.CustomerId);
        stored.ShouldBe(1 + accepted);
        closed.Receipts.ShouldBe(stored);
        closed.CashToHandOver.ShouldBe(Money.Of(1m + (10m * accepted), "RON"));
    }

    [DbFact]
    public async Task A_day_with_a_cancellation_waiting_is_not_closed_and_an_agent_cannot_close_a_day()
    {
        var cashier = Cashier();
        var (customer, invoice) = CustomerOwing(10m);
        var receipt = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 10m, 10m), cashier)).Value;
        await Host.SendAsync(new RequestCounterCancellation(receipt.PaymentId, "Wrong amount"), cashier);

        (await Host.SendAsync(new CloseCashierDay(CashierDeskHost.Centre, "G1"), cashier)).Error.Code.ShouldBe("payments.cashier_day_cancellations_pending");
        (await Host.SendAsync(new CloseCashierDay(CashierDeskHost.Centre, "G1"), Agent())).Error.Code.ShouldBe("core.forbidden");
        (await Host.SendAsync(new GetCashierDay(CashierDeskHost.Centre, "G1"), Agent())).Error.Code.ShouldBe("core.forbidden");
        (await Host.SendAsync(new CloseCashierDay(CashierDeskHost.Centre, "G1", new NodaTime.LocalDate(2026, 11, 26)), cashier)).Error.Code.ShouldBe("payments.cashier_day_in_future");
        (await Host.SendAsync(new CloseCashierDay(CashierDeskHost.Centre, "nowhere"), cashier)).Error.Code.ShouldBe("payments.desk_unknown");
    }
}

public sealed class SqliteCashierDayTests(SqliteDatabase database) : CashierDayTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresCashierDayTests(PostgresDatabase database) : CashierDayTests(database), IClassFixture<PostgresDatabase>;
