using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Messaging;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Gateway;
using Modular.Payments.Persistence;
using NodaTime;

namespace Modular.Payments.Online;

/// <summary>
/// For lost callbacks (the scheduled job <c>PaymentsReconcile</c>): online payments pending longer than <see cref="PaymentsOptions.ReconcileAfterMinutes"/>
/// are asked about at the gateway and its answer is applied like a callback (once, never downgrading).
/// </summary>
[OwnTransactions]
internal sealed class ReconcilePendingPaymentsHandler(PaymentsDbContext db, IPaymentGateway gateway, GatewayNotificationApplier applier,
    IOptions<PaymentsOptions> options, UtilityClock clock) : IRequestHandler<ReconcilePendingPayments, Result<ReconcileReport>>
{
    public async Task<Result<ReconcileReport>> Handle(ReconcilePendingPayments request, CancellationToken cancellationToken)
    {
        var cutoff = clock.Now - Duration.FromMinutes(options.Value.ReconcileAfterMinutes);
        var pending = await db.Payments.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Pending && p.Channel == PaymentChannel.Online && p.CreatedAt < cutoff)
            .OrderBy(p => p.CreatedAt).Take(500)
            .Select(p => new { p.Reference, p.Amount, p.Currency })
            .ToListAsync(cancellationToken);
        int settled = 0, declined = 0, still = 0;
        foreach (var item in pending)
        {
            var answer = await gateway.QueryStatusAsync(item.Reference, new Core.Money.Money(item.Amount, item.Currency), cancellationToken);
            Result<GatewayApplyOutcome>? outcome = null;
            if (answer.State != GatewayPaymentState.Pending)
            {
                // One transaction per payment: its settlement, events and receipt number commit together.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                outcome = await applier.ApplyAsync(answer, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            switch (outcome)
            {
                case { IsSuccess: true, Value: GatewayApplyOutcome.Settled }:
                    settled++;
                    break;
                case { IsSuccess: true, Value: GatewayApplyOutcome.Declined }:
                    declined++;
                    break;
                default:
                    still++;
                    break;
            }

            db.ChangeTracker.Clear();
        }

        return new ReconcileReport(pending.Count, settled, declined, still);
    }
}
