using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

/// <summary>Allocation of settled payments, credit, reversal and the balance ("Sold").</summary>
public abstract class PaymentTests(TestDatabase database) : BillingTestBase(database)
{
    private Accounts.Contracts.ContractSummary _contract = null!;

    /// <summary>One customer with a September and an October invoice (September due first).</summary>
    private async Task<(Invoice September, Invoice October)> TwoInvoicesAsync()
    {
        await AddTariffAsync(TariffService.Water, 10m, new LocalDate(2020, 1, 1), vat: 0m);
        _contract = World.AddContract(services: Accounts.Contracts.ConnectedServices.Water);
        World.SetConsumption(_contract, September, 10m);
        World.SetConsumption(_contract, October, 5m);
        await RunAsync(September);
        Host.Clock.Advance(Duration.FromDays(1));
        await RunAsync(October);
        return (await InvoiceOfAsync(_contract.ContractId, September), await InvoiceOfAsync(_contract.ContractId, October));
    }

    private PaymentSettled Settled(decimal amount, params Guid[] invoiceIds) =>
        new(Guid.NewGuid(), Host.Clock.GetCurrentInstant(), Guid.NewGuid(), _contract.CustomerId, Money.Of(amount, "RON"), invoiceIds,
            PaymentChannel.Online, "ref", new LocalDate(2026, 11, 5));

    [DbFact]
    public async Task An_exact_payment_settles_the_invoice_and_publishes_InvoicePaid()
    {
        var (september, _) = await TwoInvoicesAsync();

        await DeliverAsync(Settled(100m, september.Id));

        var paid = await InvoiceOfAsync(_contract.ContractId, September);
        paid.Status.ShouldBe(InvoiceStatus.Paid);
        paid.Remaining.ShouldBe(0m);
        var outbox = await Host.WithContextAsync<Persistence.BillingDbContext, int>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.OutboxMessages, m => m.Type.Contains(nameof(InvoicePaid))));
        outbox.ShouldBe(1);
    }

    [DbFact]
    public async Task A_partial_payment_leaves_the_rest_open()
    {
        var (september, _) = await TwoInvoicesAsync();

        await DeliverAsync(Settled(40m, september.Id));

        var invoice = await InvoiceOfAsync(_contract.ContractId, September);
        invoice.Status.ShouldBe(InvoiceStatus.PartiallyPaid);
        invoice.Remaining.ShouldBe(60m);
        (await Host.SendAsync(new GetBalance(_contract.CustomerId))).Value.Due.ShouldBe(Money.Of(110m, "RON"));
        var contractBalance = (await Host.SendAsync(new GetContractBalance(_contract.ContractId))).Value;
        contractBalance.OpenInvoices.ShouldBe(Money.Of(110m, "RON"));
        contractBalance.Overdue.ShouldBe(Money.Of(0m, "RON"));
    }

    [DbFact]
    public async Task Without_chosen_invoices_the_oldest_due_is_paid_first_and_an_overpayment_becomes_credit()
    {
        await TwoInvoicesAsync();

        await DeliverAsync(Settled(170m));

        (await InvoiceOfAsync(_contract.ContractId, September)).Status.ShouldBe(InvoiceStatus.Paid);
        (await InvoiceOfAsync(_contract.ContractId, October)).Status.ShouldBe(InvoiceStatus.Paid);
        var balance = (await Host.SendAsync(new GetBalance(_contract.CustomerId))).Value;
        balance.OpenInvoices.ShouldBe(Money.Of(0m, "RON"));
        balance.Credit.ShouldBe(Money.Of(20m, "RON"));
        balance.Due.ShouldBe(Money.Of(-20m, "RON"));
    }

    [DbFact]
    public async Task Chosen_invoices_are_paid_in_the_given_order()
    {
        var (september, october) = await TwoInvoicesAsync();

        await DeliverAsync(Settled(60m, october.Id, september.Id));

        (await InvoiceOfAsync(_contract.ContractId, October)).Status.ShouldBe(InvoiceStatus.Paid);
        (await InvoiceOfAsync(_contract.ContractId, September)).Paid.ShouldBe(10m);
        var open = (await Host.SendAsync(new GetOpenInvoices([_contract.CustomerId]))).Value;
        open.ShouldHaveSingleItem().InvoiceId.ShouldBe(september.Id);
    }

    [DbFact]
    public async Task A_duplicate_payment_event_changes_nothing()
    {
        var (september, _) = await TwoInvoicesAsync();
        var payment = Settled(30m, september.Id);

        await DeliverAsync(payment);
        await Task.WhenAll(DeliverAsync(payment), DeliverAsync(payment));
        // The same payment announced again under a new event id.
        await DeliverAsync(payment with { EventId = Guid.NewGuid() });

        (await InvoiceOfAsync(_contract.ContractId, September)).Paid.ShouldBe(30m);
    }

    [DbFact]
    public async Task A_reversal_undoes_credit_first_then_the_latest_allocations()
    {
        var (september, october) = await TwoInvoicesAsync();
        var payment = Settled(170m, september.Id, october.Id);
        await DeliverAsync(payment);

        await DeliverAsync(new PaymentReversed(Guid.NewGuid(), Host.Clock.GetCurrentInstant(), payment.PaymentId, _contract.CustomerId, Money.Of(40m, "RON"), "chargeback"));

        (await InvoiceOfAsync(_contract.ContractId, September)).Status.ShouldBe(InvoiceStatus.Paid);
        var reopened = await InvoiceOfAsync(_contract.ContractId, October);
        reopened.Status.ShouldBe(InvoiceStatus.PartiallyPaid);
        reopened.Remaining.ShouldBe(20m);
        (await Host.SendAsync(new GetBalance(_contract.CustomerId))).Value.Credit.ShouldBe(Money.Of(0m, "RON"));
    }

    [DbFact]
    public async Task Two_payments_racing_for_one_invoice_never_pay_more_than_it_owes()
    {
        var (september, _) = await TwoInvoicesAsync();
        var first = Settled(100m, september.Id);
        var second = Settled(100m, september.Id);

        // One of them may lose the race on the invoice's version; the outbox would deliver it again.
        async Task DeliverWithRetry(PaymentSettled payment)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await DeliverAsync(payment);
                    return;
                }
                catch (Exception) when (attempt < 5)
                {
                    await Task.Delay(50);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => DeliverWithRetry(first)), Task.Run(() => DeliverWithRetry(second)));

        (await InvoiceOfAsync(_contract.ContractId, September)).Paid.ShouldBe(100m);
        var balance = (await Host.SendAsync(new GetBalance(_contract.CustomerId))).Value;
        balance.Credit.ShouldBe(Money.Of(100m, "RON"));
        balance.OpenInvoices.ShouldBe(Money.Of(50m, "RON"));
    }

    [DbFact]
    public async Task Invoices_past_due_are_marked_overdue_once_with_an_event()
    {
        await TwoInvoicesAsync();
        await DeliverAsync(Settled(100m));
        Host.Clock.Advance(Duration.FromDays(16));

        var marked = await Host.SendAsync(new MarkOverdueInvoices());
        var again = await Host.SendAsync(new MarkOverdueInvoices());

        marked.Value.ShouldBe(1);
        again.Value.ShouldBe(0);
        (await InvoiceOfAsync(_contract.ContractId, September)).Status.ShouldBe(InvoiceStatus.Paid);
        (await InvoiceOfAsync(_contract.ContractId, October)).Status.ShouldBe(InvoiceStatus.Overdue);
    }

    [DbFact]
    public async Task A_portal_user_sees_only_their_customers_invoices_and_balance()
    {
        var (september, _) = await TwoInvoicesAsync();
        var other = World.AddContract(services: Accounts.Contracts.ConnectedServices.Water);
        World.SetConsumption(other, November, 1m);
        await RunAsync(November);
        var user = Guid.NewGuid();
        World.UserCustomers[user] = _contract.CustomerId;
        var portal = Core.Access.Caller.Customer(user);

        var mine = await Host.SendAsync(new GetInvoices(), portal);
        var theirs = await Host.SendAsync(new GetBalance(other.CustomerId), portal);
        var byIds = await Host.SendAsync(new GetInvoicesByIds([september.Id, (await InvoicesAsync()).Single(i => i.ContractId == other.ContractId).Id]), portal);

        mine.Value.ShouldAllBe(i => i.CustomerId == _contract.CustomerId);
        mine.Value.Count.ShouldBeGreaterThanOrEqualTo(2);
        theirs.HasError("core.forbidden").ShouldBeTrue();
        byIds.Value.ShouldHaveSingleItem().InvoiceId.ShouldBe(september.Id);
    }

    private static readonly YearMonth November = new(2026, 11);
}

public sealed class SqlitePaymentTests(SqliteDatabase database) : PaymentTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPaymentTests(PostgresDatabase database) : PaymentTests(database), IClassFixture<PostgresDatabase>;
