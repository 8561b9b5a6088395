using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.DayReport;

internal sealed class GetCashierDayValidator : AbstractValidator<GetCashierDay>
{
    public GetCashierDayValidator()
    {
        RuleFor(c => c.Centre).DeskCode();
        RuleFor(c => c.Desk).DeskCode();
    }
}

/// <summary>The caller's own day at a desk, open or closed (a closed day's report stays viewable).</summary>
internal sealed class GetCashierDayHandler(PaymentsDbContext db, ICurrentUser user, UtilityClock clock, IOptions<PaymentsOptions> options)
    : IRequestHandler<GetCashierDay, Result<CashierDayReport>>
{
    public async Task<Result<CashierDayReport>> Handle(GetCashierDay request, CancellationToken cancellationToken)
    {
        if (user.StaffId is not { } staffId)
        {
            return Result<CashierDayReport>.Failure(PaymentsErrors.DeskNotChosen);
        }

        // A desk no longer configured still has its past days: the report reads what was recorded under its code.
        var desk = CashierDays.Configured(options.Value, request.Centre, request.Desk);
        return await CashierDays.ReportAsync(db, clock, Currency.Of(options.Value.Currency), staffId, desk?.Centre ?? request.Centre.Trim(),
            desk?.Desk ?? request.Desk.Trim(), request.Date ?? clock.Today, cancellationToken);
    }
}
