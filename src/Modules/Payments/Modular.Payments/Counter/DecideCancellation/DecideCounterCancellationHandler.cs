using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.DecideCancellation;

/// <summary>
/// A supervisor decides a cashier's cancellation request, once (its version: two supervisors or two tabs racing, one
/// decides, the other is told it is decided). Approving reverses the whole payment through the refunds' own path – a
/// refund row, the payment's history and <see cref="PaymentReversed"/> per customer share, so Billing reopens the invoices
/// – on the day it was taken only, while the cashier's day is open (the day's version makes a close racing it look again).
/// </summary>
internal sealed class DecideCounterCancellationHandler(PaymentsDbContext db, ICurrentUser user, UtilityClock clock)
    : IRequestHandler<DecideCounterCancellation, Result<CounterCancellationView>>
{
    public async Task<Result<CounterCancellationView>> Handle(DecideCounterCancellation request, CancellationToken cancellationToken)
    {
        if (user.StaffId is not { } supervisor)
        {
            return Result<CounterCancellationView>.Failure(PaymentsErrors.CancellationNotFound);
        }

        return await db.RetryOnConflictAsync<CounterCancellationView>(async (_, ct) =>
        {
            var cancellation = await db.CounterCancellations.SingleOrDefaultAsync(c => c.Id == request.CancellationId, ct);
            var payment = cancellation is null ? null : await db.Payments.Include(p => p.Splits).SingleOrDefaultAsync(p => p.Id == cancellation.PaymentId, ct);
            if (cancellation is null || payment is null)
            {
                return Result<CounterCancellationView>.Failure(PaymentsErrors.CancellationNotFound);
            }

            if (cancellation.Status != CounterCancellationStatus.Pending)
            {
                return Result<CounterCancellationView>.Failure(PaymentsErrors.CancellationDecided);
            }

            if (cancellation.RequestedBy == supervisor)
            {
                // Four eyes: whoever asked does not approve their own request.
                return Result<CounterCancellationView>.Failure(PaymentsErrors.CancellationOwnRequest);
            }

            if (request.Approve)
            {
                var date = clock.DateOf(payment.CreatedAt);
                if (date != clock.Today)
                {
                    return Error.Of(PaymentsErrors.CancellationNotToday, null, ("date", date));
                }

                if (Cancellations.TakenBy(payment) is { } cashier)
                {
                    var day = await CashierDays.TouchAsync(db, cashier, payment.Centre!, payment.Terminal!, date, clock.Now, ct);
                    if (day.IsFailure)
                    {
                        return Result<CounterCancellationView>.From(day);
                    }
                }

                var reason = "cancelled at the counter: " + cancellation.Reason;
                var reversals = payment.Refund(payment.Amount - payment.Refunded, reason, "reversed", clock.Now);
                if (reversals.IsFailure)
                {
                    // Read committed: a colleague's approval may have committed between our two reads, reversing the
                    // payment; then this request was decided, rather than the payment refunded some other way.
                    var decided = await db.CounterCancellations.AsNoTracking()
                        .AnyAsync(c => c.Id == cancellation.Id && c.Status != CounterCancellationStatus.Pending, ct);
                    return decided ? Result<CounterCancellationView>.Failure(PaymentsErrors.CancellationDecided) : Result<CounterCancellationView>.From(reversals);
                }

                db.Refunds.Add(new PaymentRefund(SequentialId.New(clock.Now), payment.Id, new Money(payment.Amount, payment.Currency), reason,
                    "counter-cancellation:" + cancellation.Id, null, clock.Now));
                foreach (var (eventPaymentId, customerId, part) in reversals.Value)
                {
                    db.Publish(new PaymentReversed(SequentialId.New(clock.Now), clock.Now, eventPaymentId, customerId, part, reason));
                }
            }

            cancellation.Decide(request.Approve, supervisor, clock.Now);
            return Cancellations.View(cancellation, payment);
        }, new Error(PaymentsErrors.CancellationDecided), DbConflict.Taken, cancellationToken);
    }
}
