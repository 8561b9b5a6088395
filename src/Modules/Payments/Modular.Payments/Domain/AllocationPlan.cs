using Modular.Billing.Contracts;
using Modular.Core.Money;
using Modular.Core.Results;

namespace Modular.Payments.Domain;

internal sealed record AllocationShare(Guid CustomerId, decimal Amount, IReadOnlyList<Guid> InvoiceIds);

internal sealed record AppliedAmount(Guid InvoiceId, string Number, Money Applied, Money Remaining);

/// <summary>
/// How a payment covers invoices: the amount is recomputed from the invoices' remaining amounts (never taken from
/// the client), applied in the given order; what exceeds them is credit of the first invoice's customer. Invoices of
/// several customers (several client codes of one user) give one share per customer.
/// </summary>
internal sealed class AllocationPlan
{
    private AllocationPlan(Guid customerId, Money total, IReadOnlyList<Guid> invoiceIds, IReadOnlyList<AllocationShare> shares,
        IReadOnlyList<AppliedAmount> applied, Money credit)
    {
        CustomerId = customerId;
        Total = total;
        InvoiceIds = invoiceIds;
        Shares = shares;
        Applied = applied;
        Credit = credit;
    }

    public Guid CustomerId { get; }

    public Money Total { get; }

    public IReadOnlyList<Guid> InvoiceIds { get; }

    public IReadOnlyList<AllocationShare> Shares { get; }

    public IReadOnlyList<AppliedAmount> Applied { get; }

    public Money Credit { get; }

    /// <summary>Pays <paramref name="invoices"/> (in this order); <paramref name="amount"/> null means exactly what they still owe.</summary>
    public static Result<AllocationPlan> ForInvoices(IReadOnlyList<InvoiceSummary> invoices, decimal? amount)
    {
        if (invoices.Count == 0)
        {
            return Result<AllocationPlan>.Failure(PaymentsErrors.InvoicesOrAmountRequired);
        }

        var currency = invoices[0].Remaining.Currency;
        if (invoices.Any(i => i.Remaining.Currency != currency))
        {
            return Result<AllocationPlan>.Failure(PaymentsErrors.MixedCurrencies, "InvoiceIds");
        }

        if (invoices.FirstOrDefault(i => i.Status == InvoiceStatus.Cancelled || MoneyRounding.Round(i.Remaining.Amount, currency) <= 0m) is { } paid)
        {
            return Error.Of(PaymentsErrors.InvoiceAlreadyPaid, "InvoiceIds", ("number", paid.Number));
        }

        var owed = invoices.Sum(i => MoneyRounding.Round(i.Remaining.Amount, currency));
        var total = MoneyRounding.Round(amount ?? owed, currency);
        if (total <= 0m)
        {
            return Result<AllocationPlan>.Failure(PaymentsErrors.AmountNotPositive, "Amount");
        }

        var left = total;
        var applied = new List<AppliedAmount>();
        foreach (var invoice in invoices)
        {
            var remaining = MoneyRounding.Round(invoice.Remaining.Amount, currency);
            var take = Math.Min(left, remaining);
            left -= take;
            applied.Add(new AppliedAmount(invoice.InvoiceId, invoice.Number, new Money(take, currency), new Money(remaining - take, currency)));
        }

        var shares = invoices.Select(i => i.CustomerId).Distinct().Select((customer, index) =>
        {
            var mine = invoices.Where(i => i.CustomerId == customer).Select(i => i.InvoiceId).ToList();
            var sum = applied.Where(a => mine.Contains(a.InvoiceId)).Sum(a => a.Applied.Amount) + (index == 0 ? left : 0m);
            return new AllocationShare(customer, sum, mine);
        }).Where(s => s.Amount > 0m).ToList();

        return new AllocationPlan(invoices[0].CustomerId, new Money(total, currency), invoices.Select(i => i.InvoiceId).ToList(),
            shares, applied, new Money(left, currency));
    }

    /// <summary>Money for one customer (towards the balance, or already matched to invoices by an import).</summary>
    public static AllocationPlan ForCustomer(Guid customerId, Money amount, IReadOnlyList<Guid>? invoiceIds = null)
    {
        var ids = invoiceIds ?? [];
        return new AllocationPlan(customerId, amount, ids, [new AllocationShare(customerId, amount.Amount, ids)], [], Money.Zero(amount.Currency));
    }
}
