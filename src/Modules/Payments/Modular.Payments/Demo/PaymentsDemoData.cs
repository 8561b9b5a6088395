using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Demo;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Demo;

/// <summary>Payments' demo data: every contract's older invoices paid in cash at a collection centre; the last two stay open to pay online.</summary>
internal sealed class PaymentsDemoData(PaymentsDbContext db) : IDemoData
{
    public Task<bool> HasDataAsync(CancellationToken cancellationToken) => db.Payments.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        var contracts = await context.Mediator.Send(new ListContracts(null, 10_000), cancellationToken);
        if (contracts.IsFailure)
        {
            throw new InvalidOperationException("The demo contracts could not be listed: " + contracts);
        }

        var open = await context.Mediator.Send(new GetOpenInvoices(contracts.Value.Select(c => c.CustomerId).Distinct().ToList()), cancellationToken);
        if (open.IsFailure)
        {
            throw new InvalidOperationException("The demo invoices could not be listed: " + open);
        }

        // Idempotent per invoice (the key), and a paid invoice is no longer open: a repeated load pays nothing twice.
        foreach (var invoice in open.Value.GroupBy(i => i.ContractId).SelectMany(g => g.OrderBy(i => i.Period).SkipLast(2)))
        {
            var paid = await context.Mediator.Send(new RecordCounterPayment(invoice.ClientCode, [invoice.InvoiceId], invoice.Remaining.Amount,
                invoice.Remaining.Currency.Code, CounterMethod.Cash, "Casieria centrală", "T1", "demo-" + invoice.Number), cancellationToken);
            if (paid.IsFailure)
            {
                throw new InvalidOperationException("A demo payment could not be recorded: " + paid);
            }
        }
    }
}
