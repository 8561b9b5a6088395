using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests.Counter;

/// <summary>RecordCounterPayment at a cashier's desk: cash with change, card by the POS reference, a double submit, bad input.</summary>
public abstract class TakingMoneyTests(TestDatabase database) : CashierDeskHost(database)
{
    [DbFact]
    public async Task Cash_tendered_gives_the_change_computed_here_and_kept_on_the_receipt()
    {
        var (customer, invoice) = CustomerOwing(87.35m);
        var cashier = Cashier();

        var receipt = (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 87.35m, 100m), cashier)).Value;

        receipt.Amount.ShouldBe(Money.Of(87.35m, "RON"));
        receipt.Tendered.ShouldBe(Money.Of(100m, "RON"));
        receipt.Change.ShouldBe(Money.Of(12.65m, "RON"));
        var view = (await Host.SendAsync(new GetCounterReceipt(receipt.PaymentId), cashier)).Value;
        (view.Channel, view.Change, view.Centre, view.Desk, view.TakenBy).ShouldBe((PaymentChannel.Cash, Money.Of(12.65m, "RON"), CashierDeskHost.Centre, "G1", cashier.StaffId));
        view.CancellableToday.ShouldBeTrue();
    }

    [DbFact]
    public async Task Cash_tendered_below_the_amount_is_refused_and_nothing_is_written()
    {
        var (customer, invoice) = CustomerOwing(50m);
        var cashier = Cashier();

        var refused = await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 50m, 49.99m), cashier);

        refused.Error.Code.ShouldBe("payments.tendered_too_low");
        refused.Error.Field.ShouldBe("Tendered");
        (await Host.SendAsync(new GetMyPayments(500))).Value.ShouldNotContain(p => p.CustomerId == customer.CustomerId);
        (await Host.SendAsync(Cash(customer.ClientCode, invoice.InvoiceId, 50m, -5m), cashier)).Error.Code.ShouldBe("payments.amount_not_positive");
    }

    [DbFact]
    public async Task A_card_payment_at_the_desk_needs_the_terminals_reference()
    {
        var (customer, invoice) = CustomerOwing(40m);
        var cashier = Cashier();

        var refused = await Host.SendAsync(Card(customer.ClientCode, invoice.InvoiceId, 40m, "  "), cashier);
        refused.Error.Code.ShouldBe("payments.card_reference_required");
        refused.Error.Field.ShouldBe("CardReference");
        (await Host.SendAsync(new GetMyPayments(500))).Value.ShouldNotContain(p => p.CustomerId == customer.CustomerId);

        var taken = (await Host.SendAsync(Card(customer.ClientCode, invoice.InvoiceId, 40m, "POS-778812"), cashier)).Value;
        var view = (await Host.SendAsync(new GetCounterReceipt(taken.PaymentId), cashier)).Value;
        (view.Channel, view.CardReference, view.Change).ShouldBe((PaymentChannel.CardAtCentre, "POS-778812", (Money?)null));
        (await Host.SendAsync(Card(customer.ClientCode, invoice.InvoiceId, 40m, "POS-1") with { Tendered = 50m }, cashier)).Error.Code
            .ShouldBe("payments.tendered_not_cash");

        // A card number typed into the reference by mistake is never stored.
        var (other, owed) = CustomerOwing(10m);
        var masked = (await Host.SendAsync(Card(other.ClientCode, owed.InvoiceId, 10m, "4111 1111 1111 1111"), cashier)).Value;
        (await Host.SendAsync(new GetCounterReceipt(masked.PaymentId), cashier)).Value.CardReference.ShouldBe("************1111");
    }

    [DbFact]
    public async Task A_double_submit_of_the_desks_form_is_one_payment_with_one_receipt()
    {
        var (customer, invoice) = CustomerOwing(61m);
        var cashier = Cashier();
        var command = Cash(customer.ClientCode, invoice.InvoiceId, 61m, 70m);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Host.SendAsync(command, cashier)));

        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => (r.Value.PaymentId, r.Value.ReceiptNumber, r.Value.Change)).Distinct().ShouldHaveSingleItem();
        (await Host.SendAsync(new GetMyPayments(500))).Value.Count(p => p.CustomerId == customer.CustomerId).ShouldBe(1);
        (await Host.SendAsync(command with { Tendered = 80m }, cashier)).Error.Code.ShouldBe("payments.idempotency_key_reused");
        (await Host.SendAsync(new FindCounterPayment(command.Centre, command.Terminal, command.IdempotencyKey), cashier)).Value.PaymentId
            .ShouldBe(results[0].Value.PaymentId);
        (await Host.SendAsync(new FindCounterPayment(command.Centre, command.Terminal, command.IdempotencyKey), Cashier())).Error.Code
            .ShouldBe("payments.payment_not_found");
    }

    [DbFact]
    public async Task The_desk_is_chosen_per_staff_session_among_the_configured_ones()
    {
        var cashier = Cashier();
        (await Host.SendAsync(new GetCashierDesk(), cashier)).Value.Chosen.ShouldBeNull();

        (await Host.SendAsync(new ChooseCashierDesk("central", "g2"), cashier)).Value.ShouldBe(new CashierDesk(CashierDeskHost.Centre, "Casieria centrală", "G2"));
        (await Host.SendAsync(new ChooseCashierDesk(CashierDeskHost.Centre, "G9"), cashier)).Error.Code.ShouldBe("payments.desk_unknown");

        var state = (await Host.SendAsync(new GetCashierDesk(), cashier)).Value;
        state.Chosen!.Desk.ShouldBe("G2");
        state.Centres.ShouldHaveSingleItem().Desks.ShouldBe(["G1", "G2", "G3"]);
        // Another session of the same cashier (another browser) chooses on its own.
        (await Host.SendAsync(new GetCashierDesk(), Caller.Staff(cashier.StaffId!.Value, [StaffRoles.Cashier]).InSession(Guid.NewGuid()))).Value.Chosen.ShouldBeNull();
        (await Host.SendAsync(new ChooseCashierDesk(CashierDeskHost.Centre, "G1"), Agent())).Error.Code.ShouldBe("core.forbidden");
    }
}

public sealed class SqliteTakingMoneyTests(SqliteDatabase database) : TakingMoneyTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresTakingMoneyTests(PostgresDatabase database) : TakingMoneyTests(database), IClassFixture<PostgresDatabase>;
