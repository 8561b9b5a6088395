using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests.Counter;

/// <summary>ListCashierDays, GetCashierDayOf and CloseCashierDayOf: a supervisor sees every cashier's day and closes a forgotten one.</summary>
public abstract class SupervisedDayTests(TestDatabase database) : CashierDeskHost(database)
{
    private static readonly LocalDate Today = new(2026, 11, 25);

    [DbFact]
    public async Task A_supervisor_sees_each_cashier_s_day_at_each_desk_with_open_days_first()
    {
        var (first, second) = (Cashier(), Cashier());
        var (customer, invoice) = CustomerOwing(500m);
        await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 100m, 100m), first);
        await Host.SendAsync(Card(customer.ClientCode, invoice.InvoiceId, 20m, "POS-9", desk: "G2"), first);
        await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 30m, 50m), second);
        (await Host.SendAsync(new CloseCashierDay(CashierDeskHost.Centre, "G1"), second)).IsSuccess.ShouldBeTrue();

        var days = (await Host.SendAsync(new ListCashierDays(Today), Supervisor())).Value
            .Where(d => d.StaffId == first.StaffId || d.StaffId == second.StaffId).ToList();

        days.Select(d => (d.StaffId, d.Desk, d.Receipts, d.CashToHandOver, d.Card, d.ClosedAt is null)).ShouldBe([
            (first.StaffId!.Value, "G1", 1, Money.Of(100m, "RON"), Money.Of(0m, "RON"), true),
            (first.StaffId!.Value, "G2", 1, Money.Of(0m, "RON"), Money.Of(20m, "RON"), true),
            (second.StaffId!.Value, "G1", 1, Money.Of(30m, "RON"), Money.Of(0m, "RON"), false),
        ]);
        var report = (await Host.SendAsync(new GetCashierDayOf(first.StaffId!.Value, "central", "g1", Today), Supervisor())).Value;
        (report.Centre, report.Desk, report.CashToHandOver).ShouldBe((CashierDeskHost.Centre, "G1", Money.Of(100m, "RON")));
        report.Lines.ShouldHaveSingleItem().Amount.ShouldBe(Money.Of(100m, "RON"));
    }

    [DbFact]
    public async Task A_supervisor_closes_a_forgotten_day_once_and_the_cashier_takes_no_more_money_there()
    {
        var cashier = Cashier();
        var (customer, invoice) = CustomerOwing(300m);
        await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 40m, 50m), cashier);

        var closes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Host.SendAsync(new CloseCashierDayOf(cashier.StaffId!.Value, CashierDeskHost.Centre, "G1", Today), Supervisor())));

        closes.Count(r => r.IsSuccess).ShouldBe(1);
        closes.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "payments.cashier_day_already_closed");
        closes.Single(r => r.IsSuccess).Value.CashToHandOver.ShouldBe(Money.Of(40m, "RON"));
        (await Host.SendAsync(new GetCashierDay(CashierDeskHost.Centre, "G1"), cashier)).Value.ClosedAt.ShouldNotBeNull();
        (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 10m, 10m), cashier)).Error.Code.ShouldBe("payments.cashier_day_closed");
        (await Host.SendAsync(new CloseCashierDay(CashierDeskHost.Centre, "G1"), cashier)).Error.Code.ShouldBe("payments.cashier_day_already_closed");
    }

    [DbFact]
    public async Task A_day_with_a_waiting_cancellation_or_in_the_future_is_not_closed()
    {
        var cashier = Cashier();
        var (customer, invoice) = CustomerOwing(300m);
        var taken = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 40m, 50m), cashier)).Value;
        (await Host.SendAsync(new RequestCounterCancellation(taken.PaymentId, "Wrong invoice"), cashier)).IsSuccess.ShouldBeTrue();

        (await Host.SendAsync(new CloseCashierDayOf(cashier.StaffId!.Value, CashierDeskHost.Centre, "G1", Today), Supervisor()))
            .Error.Code.ShouldBe("payments.cashier_day_cancellations_pending");
        (await Host.SendAsync(new CloseCashierDayOf(cashier.StaffId!.Value, CashierDeskHost.Centre, "G1", Today.PlusDays(1)), Supervisor()))
            .Error.Code.ShouldBe("payments.cashier_day_in_future");
        (await Host.SendAsync(new GetCashierDay(CashierDeskHost.Centre, "G1"), cashier)).Value.ClosedAt.ShouldBeNull();
    }

    [DbFact]
    public async Task Cashiers_and_customer_service_may_not_see_or_close_another_s_day()
    {
        var cashier = Cashier();
        foreach (var caller in new[] { Cashier(), Agent() })
        {
            (await Host.SendAsync(new ListCashierDays(Today), caller)).Error.Code.ShouldBe(CoreErrors.Forbidden);
            (await Host.SendAsync(new GetCashierDayOf(cashier.StaffId!.Value, CashierDeskHost.Centre, "G1", Today), caller)).Error.Code.ShouldBe(CoreErrors.Forbidden);
            (await Host.SendAsync(new CloseCashierDayOf(cashier.StaffId!.Value, CashierDeskHost.Centre, "G1", Today), caller)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        }

        (await Host.SendAsync(new GetCashierDay(CashierDeskHost.Centre, "G1"), cashier)).Value.ClosedAt.ShouldBeNull();
    }
}

public sealed class SqliteSupervisedDayTests(SqliteDatabase database) : SupervisedDayTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSupervisedDayTests(PostgresDatabase database) : SupervisedDayTests(database), IClassFixture<PostgresDatabase>;
