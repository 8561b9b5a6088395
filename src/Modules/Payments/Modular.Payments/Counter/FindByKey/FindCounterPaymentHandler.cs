using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.FindByKey;

/// <summary>The caller's own counter payment taken with a form's key at a desk (the key as <c>RecordCounterPayment</c> stores it).</summary>
internal sealed class FindCounterPaymentHandler(PaymentsDbContext db, ICurrentUser user) : IRequestHandler<FindCounterPayment, Result<CounterReceipt>>
{
    public async Task<Result<CounterReceipt>> Handle(FindCounterPayment request, CancellationToken cancellationToken)
    {
        var key = $"counter:{request.Centre}:{request.Terminal}:{request.IdempotencyKey}";
        var name = user.StaffId is { } staffId ? CashierDays.Operator(staffId) : null;
        var payment = name is null ? null : await db.Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.IdempotencyKey == key && p.Operator == name && p.ReceiptNumber != null, cancellationToken);
        if (payment is null)
        {
            return Result<CounterReceipt>.Failure(PaymentsErrors.PaymentNotFound);
        }

        return new CounterReceipt(payment.Id, payment.ReceiptNumber!, payment.Total,
            payment.Tendered is { } t ? new Money(t, payment.Currency) : null,
            payment.Tendered is { } cash ? new Money(cash - payment.Amount, payment.Currency) : null);
    }
}
