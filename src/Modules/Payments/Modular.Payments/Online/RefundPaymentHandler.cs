using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Gateway;
using Modular.Payments.Persistence;

namespace Modular.Payments.Online;

internal sealed class RefundPaymentValidator : AbstractValidator<RefundPayment>
{
    public RefundPaymentValidator()
    {
        RuleFor(c => c.Amount).GreaterThan(0m).WithErrorCode(PaymentsErrors.AmountNotPositive);
        RuleFor(c => c.Reason).NotEmpty().WithErrorCode(PaymentsErrors.ReasonRequired).MaximumLength(500).WithErrorCode(PaymentsErrors.ReasonRequired);
        RuleFor(c => c.IdempotencyKey).NotEmpty().WithErrorCode(PaymentsErrors.IdempotencyKeyRequired).MaximumLength(200).WithErrorCode(PaymentsErrors.IdempotencyKeyRequired);
    }
}

/// <summary>
/// Staff refund part or all of a settled payment. Online payments are refunded through the gateway (idempotent by the
/// key); the refund row's unique key and the payment's version token make repeats and races apply once.
/// </summary>
internal sealed class RefundPaymentHandler(PaymentsDbContext db, IPaymentGateway gateway, UtilityClock clock)
    : IRequestHandler<RefundPayment, Result<RefundResult>>
{
    public async Task<Result<RefundResult>> Handle(RefundPayment request, CancellationToken cancellationToken)
    {
        // A concurrent refund of the same payment (its version) or the same request twice (its key): start again from a fresh read.
        return await db.RetryOnConflictAsync<RefundResult>(async (_, _) =>
        {
            if (await ExistingAsync(request, cancellationToken) is { } repeat)
            {
                return repeat;
            }

            var payment = await db.Payments.Include(p => p.Splits).SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
            if (payment is null)
            {
                return Result<RefundResult>.Failure(PaymentsErrors.PaymentNotFound);
            }

            var reversals = payment.Refund(request.Amount, request.Reason, "refunded", clock.Now);
            if (reversals.IsFailure)
            {
                return Result<RefundResult>.From(reversals);
            }

            var amount = new Money(MoneyRounding.Round(request.Amount, payment.Currency), payment.Currency);
            string? gatewayRefundId = null;
            if (payment.Channel == PaymentChannel.Online)
            {
                var refund = await gateway.RefundAsync(
                    new GatewayRefundRequest(payment.Reference, payment.GatewayTransactionId ?? string.Empty, amount, request.Reason, request.IdempotencyKey),
                    cancellationToken);
                if (!refund.Succeeded)
                {
                    db.ChangeTracker.Clear();
                    return Error.Of(PaymentsErrors.RefundFailed, null, ("reason", refund.FailureReason));
                }

                gatewayRefundId = refund.RefundId;
            }

            var row = new PaymentRefund(SequentialId.New(clock.Now), payment.Id, amount, request.Reason, request.IdempotencyKey, gatewayRefundId, clock.Now);
            db.Refunds.Add(row);
            foreach (var (eventPaymentId, customerId, part) in reversals.Value)
            {
                db.Publish(new PaymentReversed(SequentialId.New(clock.Now), clock.Now, eventPaymentId, customerId, part, request.Reason));
            }

            return new RefundResult(row.Id, payment.Id, amount, payment.Status);
        }, new Error(CoreErrors.Conflict), DbConflict.Taken, cancellationToken);
    }

    private async Task<Result<RefundResult>?> ExistingAsync(RefundPayment request, CancellationToken cancellationToken)
    {
        var existing = await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if (existing.PaymentId != request.PaymentId || existing.Amount != MoneyRounding.Round(request.Amount, existing.Currency))
        {
            return Result<RefundResult>.Failure(PaymentsErrors.IdempotencyKeyReused, "IdempotencyKey");
        }

        var status = await db.Payments.Where(p => p.Id == existing.PaymentId).Select(p => p.Status).SingleAsync(cancellationToken);
        return new RefundResult(existing.Id, existing.PaymentId, new Money(existing.Amount, existing.Currency), status);
    }
}
