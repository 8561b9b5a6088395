using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Invoices;
using Modular.Billing.Persistence;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using NodaTime;

namespace Modular.Billing.Payments;

/// <summary>
/// Allocates a settled payment: to the invoices it names, in that order, when it names any; otherwise to the customer's
/// open invoices, oldest due first. What is left is credit. A payment id seen before changes nothing (the inbox already
/// drops a repeated event; this also drops the same payment announced twice). Invoices carry a concurrency token, so two
/// payments racing for one invoice cannot both spend its remaining amount: the loser's delivery is retried.
/// </summary>
internal sealed class PaymentSettledConsumer(BillingDbContext db, IClock clock, UtilityClock utility, ILogger<PaymentSettledConsumer> logger)
    : InboxEventHandler<PaymentSettled, BillingDbContext>(db, clock)
{
    protected override string ConsumerName => "billing.payment-settled";

    protected override async Task HandleCoreAsync(PaymentSettled settled, CancellationToken cancellationToken)
    {
        if (await Db.Payments.AnyAsync(p => p.PaymentId == settled.PaymentId, cancellationToken))
        {
            logger.LogInformation("Payment {PaymentId} was already allocated", settled.PaymentId);
            return;
        }

        var open = await Db.Invoices.Open().Where(i => i.CustomerId == settled.CustomerId).ToListAsync(cancellationToken);
        Allocate(settled, open);
    }

    /// <summary>
    /// A batch in two queries – the payments already allocated, the open invoices of all its customers – then each event
    /// in order, in memory, as one by one: an invoice an earlier event paid is no longer open to a later one.
    /// </summary>
    protected override async Task HandleBatchCoreAsync(IReadOnlyList<PaymentSettled> events, CancellationToken cancellationToken)
    {
        var paymentIds = events.Select(e => e.PaymentId).ToList();
        var allocated = (await Db.Payments.Where(p => paymentIds.Contains(p.PaymentId)).Select(p => p.PaymentId).ToListAsync(cancellationToken))
            .ToHashSet();
        var customerIds = events.Select(e => e.CustomerId).Distinct().ToList();
        var open = (await Db.Invoices.Open().Where(i => customerIds.Contains(i.CustomerId)).ToListAsync(cancellationToken))
            .ToLookup(i => i.CustomerId);
        foreach (var settled in events)
        {
            if (!allocated.Add(settled.PaymentId))
            {
                logger.LogInformation("Payment {PaymentId} was already allocated", settled.PaymentId);
                continue;
            }

            Allocate(settled, open[settled.CustomerId].Where(i => i.Status is InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid or InvoiceStatus.Overdue).ToList());
        }
    }

    private void Allocate(PaymentSettled settled, List<Invoice> open)
    {
        var payment = new PaymentRecord
        {
            PaymentId = settled.PaymentId,
            CustomerId = settled.CustomerId,
            Currency = settled.Amount.Currency,
            Amount = settled.Amount.Amount,
            Unallocated = settled.Amount.Amount,
            ReceivedAt = settled.OccurredAt,
            Version = Guid.NewGuid(),
        };
        Db.Payments.Add(payment);

        open = open.Where(i => i.Currency == payment.Currency).ToList();
        var targets = settled.InvoiceIds.Count > 0
            ? settled.InvoiceIds.Distinct().Select(id => open.FirstOrDefault(i => i.Id == id)).OfType<Invoice>().ToList()
            : open.OrderBy(i => i.DueDate).ThenBy(i => i.Number).ToList();

        var today = utility.Today;
        var position = 0;
        foreach (var invoice in targets)
        {
            if (payment.Unallocated <= 0m)
            {
                break;
            }

            var applied = invoice.ApplyPayment(payment.Unallocated, today);
            if (applied <= 0m)
            {
                continue;
            }

            payment.Unallocated -= applied;
            Db.Allocations.Add(new Allocation { Id = Guid.NewGuid(), PaymentId = payment.PaymentId, InvoiceId = invoice.Id, Amount = applied, Position = position++ });
            if (invoice.Status == InvoiceStatus.Paid)
            {
                Db.Publish(new InvoicePaid(Guid.NewGuid(), utility.Now, invoice.Id, invoice.Number, invoice.CustomerId));
            }
        }
    }
}

/// <summary>
/// Undoes a reversed payment (up to the reversed amount): first its unused credit, then its allocations, latest first.
/// Invoices it had paid become open again (overdue when past due).
/// </summary>
internal sealed class PaymentReversedConsumer(BillingDbContext db, IClock clock, UtilityClock utility, ILogger<PaymentReversedConsumer> logger)
    : InboxEventHandler<PaymentReversed, BillingDbContext>(db, clock)
{
    protected override string ConsumerName => "billing.payment-reversed";

    protected override async Task HandleCoreAsync(PaymentReversed reversed, CancellationToken cancellationToken)
    {
        var payment = await Db.Payments.SingleOrDefaultAsync(p => p.PaymentId == reversed.PaymentId, cancellationToken);
        if (payment is null)
        {
            // Nothing was allocated: billing never saw the payment settle.
            logger.LogWarning("Reversal of unknown payment {PaymentId} ignored", reversed.PaymentId);
            return;
        }

        var left = Math.Min(reversed.Amount.Amount, payment.Amount - payment.Reversed);
        if (left <= 0m)
        {
            return;
        }

        payment.Reversed += left;
        payment.Version = Guid.NewGuid();
        var fromCredit = Math.Min(left, payment.Unallocated);
        payment.Unallocated -= fromCredit;
        left -= fromCredit;

        var allocations = await Db.Allocations.Where(a => a.PaymentId == payment.PaymentId).OrderByDescending(a => a.Position).ToListAsync(cancellationToken);
        var invoiceIds = allocations.Select(a => a.InvoiceId).ToList();
        var invoices = await Db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var today = utility.Today;
        foreach (var allocation in allocations)
        {
            if (left <= 0m)
            {
                break;
            }

            var undo = Math.Min(left, allocation.Amount);
            allocation.Amount -= undo;
            left -= undo;
            invoices[allocation.InvoiceId].UndoPayment(undo, today);
            if (allocation.Amount == 0m)
            {
                Db.Allocations.Remove(allocation);
            }
        }
    }
}
