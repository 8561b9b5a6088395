using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Domain;
using Modular.Payments.Gateway;
using Modular.Payments.Persistence;
using Modular.Payments.Receipts;

namespace Modular.Payments.Online;

/// <summary>
/// Applies a verified gateway notification to its payment, once: the payment's version token makes two deliveries
/// racing (two instances) resolve to one winner; the loser reloads and finds nothing left to do.
/// </summary>
internal sealed class GatewayNotificationApplier(PaymentsDbContext db, UtilityClock clock, IOptions<PaymentsOptions> options)
{
    public async Task<Result<GatewayApplyOutcome>> ApplyAsync(GatewayNotification notification, CancellationToken cancellationToken)
    {
        // What a gateway sends is outside input: refused whole, before any look-up, when a field is unusable.
        if (GatewayFields.Check(notification) is { } invalid)
        {
            return Result<GatewayApplyOutcome>.Failure(invalid);
        }

        // Another notification or a refund changed the payment meanwhile: apply this one again to what it became.
        Payment? applied = null;
        var result = await db.RetryOnConflictAsync<GatewayApplyOutcome>(async (_, _) =>
        {
            var payment = await db.Payments.Include(p => p.Splits)
                .SingleOrDefaultAsync(p => p.Reference == notification.Reference && p.Channel == Contracts.PaymentChannel.Online, cancellationToken);
            if (payment is null)
            {
                return Result<GatewayApplyOutcome>.Failure(PaymentsErrors.PaymentNotFound);
            }

            applied = payment;
            var outcome = payment.Apply(notification.State, notification.Amount, notification.TransactionId, clock.Today, clock.Now);
            if (outcome == GatewayApplyOutcome.Settled)
            {
                foreach (var settled in payment.SettledEvents(clock.Now))
                {
                    db.Publish(settled);
                }
            }

            if (outcome is GatewayApplyOutcome.Settled or GatewayApplyOutcome.Declined)
            {
                // Decided: its invoices may be paid again (what is left of them, as Billing answers).
                db.InvoiceClaims.RemoveRange(await db.InvoiceClaims.Where(c => c.PaymentId == payment.Id).ToListAsync(cancellationToken));
            }

            return outcome;
        }, new Error(CoreErrors.Conflict), DbConflict.StaleVersion, cancellationToken);

        // The save above settled it and opened the transaction (the callback's command, or the reconciler's own): the
        // receipt number joins it, so a settlement never commits without its number.
        if (result is { IsSuccess: true, Value: GatewayApplyOutcome.Settled } && applied is not null)
        {
            await ReceiptNumbers.AssignAsync(db, options.Value.ReceiptSeries, [applied], cancellationToken);
        }

        return result;
    }
}

/// <summary>A verified notification from a gateway's callback (internal: only the callback endpoint sends it).</summary>
[AllowedCallers(Callers.System)]
internal sealed record ApplyGatewayNotification(GatewayNotification Notification) : ICommand<GatewayApplyOutcome>;

internal sealed class ApplyGatewayNotificationHandler(GatewayNotificationApplier applier)
    : IRequestHandler<ApplyGatewayNotification, Result<GatewayApplyOutcome>>
{
    public Task<Result<GatewayApplyOutcome>> Handle(ApplyGatewayNotification request, CancellationToken cancellationToken) =>
        applier.ApplyAsync(request.Notification, cancellationToken);
}
