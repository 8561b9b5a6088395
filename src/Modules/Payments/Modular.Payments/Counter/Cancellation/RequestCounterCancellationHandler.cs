using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.Cancellation;

internal sealed class RequestCounterCancellationValidator : AbstractValidator<RequestCounterCancellation>
{
    public RequestCounterCancellationValidator()
    {
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithErrorCode(PaymentsErrors.ReasonRequired)
            .MaximumLength(500).WithErrorCode(PaymentsErrors.ReasonRequired);
    }
}

/// <summary>
/// A cashier asks to cancel a counter payment of today (the utility's date) whose day is still open; it waits for a
/// supervisor. One request per payment (a unique key): the same cashier's double submit answers the pending request.
/// </summary>
internal sealed class RequestCounterCancellationHandler(PaymentsDbContext db, ICurrentUser user, IAccessScope access, UtilityClock clock)
    : IRequestHandler<RequestCounterCancellation, Result<CounterCancellationView>>
{
    public async Task<Result<CounterCancellationView>> Handle(RequestCounterCancellation request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        if (payment is null || !(await access.GetAsync(cancellationToken)).CanSeeCustomer(payment.CustomerId) || user.StaffId is not { } staffId)
        {
            return Result<CounterCancellationView>.Failure(PaymentsErrors.PaymentNotFound);
        }

        if (await ExistingAsync(payment, staffId, cancellationToken) is { } existing)
        {
            return existing;
        }

        if (!Cancellations.IsCounterPayment(payment))
        {
            return Result<CounterCancellationView>.Failure(PaymentsErrors.NotCounterPayment);
        }

        if (payment.Status != PaymentStatus.Settled)
        {
            return Result<CounterCancellationView>.Failure(PaymentsErrors.NotSettled);
        }

        var date = clock.DateOf(payment.CreatedAt);
        if (date != clock.Today)
        {
            return Error.Of(PaymentsErrors.CancellationNotToday, null, ("date", date));
        }

        if (Cancellations.TakenBy(payment) is { } cashier
            && await CashierDays.FindAsync(db, cashier, payment.Centre!, payment.Terminal!, date, cancellationToken) is { IsClosed: true })
        {
            return Error.Of(PaymentsErrors.CashierDayClosed, null, ("desk", payment.Terminal), ("date", date));
        }

        var cancellation = new CounterCancellation(SequentialId.New(clock.Now), payment.Id, staffId, request.Reason.Trim(), clock.Now);
        db.CounterCancellations.Add(cancellation);
        return await db.SaveOrConflictAsync(Cancellations.View(cancellation, payment), ct => ExistingAsync(payment, staffId, ct),
            new Error(PaymentsErrors.CancellationExists), DbConflict.UniqueViolation, cancellationToken);
    }

    private async Task<Result<CounterCancellationView>?> ExistingAsync(Payment payment, Guid staffId, CancellationToken cancellationToken)
    {
        // A refused request does not stand in the way: the cashier may ask again (with a better reason).
        var existing = await db.CounterCancellations.AsNoTracking()
            .SingleOrDefaultAsync(c => c.PaymentId == payment.Id && c.Status != CounterCancellationStatus.Refused, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        return existing.Status == CounterCancellationStatus.Pending && existing.RequestedBy == staffId
            ? Cancellations.View(existing, payment)
            : Result<CounterCancellationView>.Failure(PaymentsErrors.CancellationExists);
    }
}
