using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
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

/// <summary>Closes the caller's day at a configured desk once (<see cref="CashierDays.CloseAsync"/>).</summary>
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

        return await CashierDays.CloseAsync(db, clock, Currency.Of(options.Value.Currency), staffId, desk.Centre, desk.Desk,
            request.Date ?? clock.Today, cancellationToken);
    }
}
