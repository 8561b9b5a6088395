using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Messaging;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Billing.Invoices;

/// <summary>
/// Marks invoices past due as overdue in batches, publishing <see cref="InvoiceOverdue"/> with each. A payment racing
/// with the job changes the invoice's version; the batch is then reread, so a just-paid invoice is not marked.
/// </summary>
[OwnTransactions]
internal sealed class MarkOverdueInvoicesHandler(BillingDbContext db, UtilityClock clock)
    : IRequestHandler<MarkOverdueInvoices, Result<int>>
{
    private const int BatchSize = 500;

    public async Task<Result<int>> Handle(MarkOverdueInvoices request, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var marked = 0;
        while (true)
        {
            var batch = await db.Invoices
                .Where(i => (i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid) && i.DueDate < today)
                .OrderBy(i => i.DueDate).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return marked;
            }

            var changed = 0;
            foreach (var invoice in batch.Where(i => i.MarkOverdueIfDue(today)))
            {
                changed++;
                db.Publish(new InvoiceOverdue(Guid.NewGuid(), clock.Now, invoice.Id, invoice.Number, invoice.CustomerId, new Money(invoice.Remaining, invoice.Currency)));
            }

            if (changed == 0)
            {
                // Only settled-but-unmarked invoices left (nothing owed): nothing more to do.
                return marked;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                marked += changed;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A payment changed one of these invoices meanwhile: reread the batch.
            }

            db.ChangeTracker.Clear();
        }
    }
}
