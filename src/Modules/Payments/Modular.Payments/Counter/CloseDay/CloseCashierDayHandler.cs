using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.CloseDay;

internal sealed class CloseCashierDayValidator : AbstractValidator<CloseCashierDay>
{
    public CloseCashierDayValidator()
    {
        RuleFor(c => c.Centre).DeskCode();
        RuleFor(c => c.Desk).DeskCode();
    }
}

/// <summary>
/// Closes the caller's day at a desk once. The day row's unique key (a day without payments) and its version (a
/// payment, a cancellation or another close racing) make one close win; the loser looks again and answers
/// <c>payments.cashier_day_already_closed</c>, or closes with the payment that got in first counted.
/// </summary>
internal sealed class CloseCashierDayHandler(PaymentsDbContext db, ICurrentUser user, UtilityClock clock, IOptions<PaymentsOptions> options)
    : IRequestHandler<CloseCashierDay, Result<CashierDayReport>>
{
    public async Task<Result<CashierDayReport>> Handle(CloseCashierDay request, CancellationToken cancellationToken)
    {
        if (user.StaffId is not { } staffId)
        {
            return Result<CashierDayReport>.Failure(PaymentsErrors.DeskNotChosen);
        }

        if (CashierDays.Configured(options.Value, request.Centre, request.Desk) is not { } desk)
        {
            return Result<CashierDayReport>.Failure(PaymentsErrors.DeskUnknown, "Desk");
        }

        var date = request.Date ?? clock.Today;
        if (date > clock.Today)
        {
            return Result<CashierDayReport>.Failure(PaymentsErrors.CashierDayInFuture, "Date");
        }

        var currency = Currency.Of(options.Value.Currency);
        return await db.RetryOnConflictAsync<CashierDayReport>(async (_, ct) =>
        {
            var day = await CashierDays.FindAsync(db, staffId, desk.Centre, desk.Desk, date, ct);
            if (day?.IsClosed == true)
            {
                return Error.Of(PaymentsErrors.CashierDayAlreadyClosed, null, ("desk", desk.Desk), ("date", date));
            }

            var report = await CashierDays.ReportAsync(db, clock, currency, staffId, desk.Centre, desk.Desk, date, ct);
            if (report.PendingCancellations > 0)
            {
                return Error.Of(PaymentsErrors.CashierDayCancellationsPending, null, ("count", report.PendingCancellations));
            }

            if (day is null)
            {
                day = new CashierDay(SequentialId.New(clock.Now), staffId, desk.Centre, desk.Desk, date);
                db.CashierDays.Add(day);
            }

            day.Close(clock.Now, report.CashToHandOver.Amount, report.Card.Amount - report.CardCancelled.Amount, report.Receipts);
            return report with { ClosedAt = day.ClosedAt };
        }, new Error(CoreErrors.Conflict), DbConflict.Taken, cancellationToken);
    }
}
