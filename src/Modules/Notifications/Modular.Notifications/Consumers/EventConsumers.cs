using MediatR;
using Modular.Billing.Contracts;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Modular.Notifications.Persistence;
using Modular.Payments.Contracts;
using Modular.Requests.Contracts;

namespace Modular.Notifications.Consumers;

/// <summary>
/// An invoice was issued: its customer's users get it by email with its PDF (Billing's <c>GetInvoiceDocument</c>, asked when
/// the email is sent), or by SMS as a short notice. Replaces Billing's own invoice email.
/// </summary>
internal sealed class InvoiceIssuedConsumer(NotificationsDbContext db, UtilityClock clock, INotificationQueue queue, IMediator mediator)
    : InboxEventHandler<InvoiceIssued, NotificationsDbContext>(db, clock.Clock)
{
    protected override string ConsumerName => "notifications.invoice-issued";

    protected override async Task HandleCoreAsync(InvoiceIssued issued, CancellationToken cancellationToken)
    {
        var found = await mediator.Send(new GetInvoicesByIds([issued.InvoiceId]), cancellationToken);
        var invoice = found.IsSuccess ? found.Value.FirstOrDefault() : null;
        await queue.EnqueueAsync(new NotificationIntent(NotificationTypes.InvoiceIssued, issued.CustomerId, $"invoice:{issued.InvoiceId}", "invoice-issued",
            new Dictionary<string, object?>
            {
                ["invoiceNumber"] = issued.Number,
                ["total"] = issued.Total,
                ["dueDate"] = issued.DueDate,
                ["estimated"] = issued.Estimated,
                ["period"] = invoice?.Period,
            },
            ContractId: issued.ContractId, Attachment: $"invoice-pdf:{issued.InvoiceId}"), cancellationToken);
    }
}

/// <summary>A payment arrived: the customer's users are told (one message per customer share). Replaces Payments' confirmation email.</summary>
internal sealed class PaymentSettledConsumer(NotificationsDbContext db, UtilityClock clock, INotificationQueue queue, IMediator mediator)
    : InboxEventHandler<PaymentSettled, NotificationsDbContext>(db, clock.Clock)
{
    protected override string ConsumerName => "notifications.payment-settled";

    protected override async Task HandleCoreAsync(PaymentSettled settled, CancellationToken cancellationToken)
    {
        // Invoice numbers are a courtesy: one Billing no longer knows is left out rather than blocking the message.
        var numbers = new List<string>();
        if (settled.InvoiceIds.Count > 0)
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(settled.InvoiceIds), cancellationToken);
            if (invoices.IsSuccess)
            {
                numbers.AddRange(settled.InvoiceIds.Select(id => invoices.Value.FirstOrDefault(i => i.InvoiceId == id)?.Number).OfType<string>());
            }
        }

        var valueDate = settled.ValueDate == default ? clock.DateOf(settled.OccurredAt) : settled.ValueDate;
        await queue.EnqueueAsync(new NotificationIntent(NotificationTypes.PaymentReceived, settled.CustomerId, $"payment:{settled.PaymentId}", "payment-settled",
            new Dictionary<string, object?>
            {
                ["reference"] = settled.Reference,
                ["amount"] = settled.Amount,
                ["paidOn"] = valueDate,
                ["channel"] = settled.Channel.ToString(),
                ["invoices"] = string.Join(", ", numbers),
                ["hasInvoices"] = numbers.Count > 0,
            }), cancellationToken);
    }
}

/// <summary>(Part of) a payment was refunded or reversed: the customer's users are told. Replaces Payments' reversal email.</summary>
internal sealed class PaymentReversedConsumer(NotificationsDbContext db, UtilityClock clock, INotificationQueue queue)
    : InboxEventHandler<PaymentReversed, NotificationsDbContext>(db, clock.Clock)
{
    protected override string ConsumerName => "notifications.payment-reversed";

    protected override Task HandleCoreAsync(PaymentReversed reversed, CancellationToken cancellationToken) =>
        queue.EnqueueAsync(new NotificationIntent(NotificationTypes.PaymentReceived, reversed.CustomerId, $"payment-reversed:{reversed.EventId}",
            "payment-reversed",
            new Dictionary<string, object?>
            {
                ["amount"] = reversed.Amount,
                ["reversedOn"] = clock.DateOf(reversed.OccurredAt),
                ["reason"] = reversed.Reason,
            }), cancellationToken);
}

/// <summary>A request moved to a status the customer acts on or waits for: in progress, waiting for the customer, resolved, rejected.</summary>
internal sealed class RequestStatusChangedConsumer(NotificationsDbContext db, UtilityClock clock, INotificationQueue queue)
    : InboxEventHandler<RequestStatusChanged, NotificationsDbContext>(db, clock.Clock)
{
    protected override string ConsumerName => "notifications.request-status";

    protected override Task HandleCoreAsync(RequestStatusChanged changed, CancellationToken cancellationToken) =>
        changed.From == changed.To || changed.To is RequestStatus.Submitted or RequestStatus.Assigned
            ? Task.CompletedTask
            : queue.EnqueueAsync(new NotificationIntent(NotificationTypes.RequestStatus, changed.CustomerId, $"request:{changed.RequestId}:{changed.EventId}",
                "request-status",
                new Dictionary<string, object?>
                {
                    ["number"] = changed.Number,
                    ["status"] = changed.To.ToString(),
                    ["changedOn"] = clock.DateOf(changed.OccurredAt),
                }), cancellationToken);
}
