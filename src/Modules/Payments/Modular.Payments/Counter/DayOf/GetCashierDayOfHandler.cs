using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.DayOf;

internal sealed class GetCashierDayOfValidator : AbstractValidator<GetCashierDayOf>
{
    public GetCashierDayOfValidator()
    {
        RuleFor(c => c.Centre).DeskCode();
        RuleFor(c => c.Desk).DeskCode();
    }
}

/// <summary>Another cashier's day at a desk, open or closed, as the cashier sees it.</summary>
internal sealed class GetCashierDayOfHandler(PaymentsDbContext db, UtilityClock clock, IOptions<PaymentsOptions> options)
    : IRequestHandler<GetCashierDayOf, Result<CashierDayReport>>
{
    public async Task<Result<CashierDayReport>> Handle(GetCashierDayOf request, CancellationToken cancellationToken)
    {
        var desk = CashierDays.Configured(options.Value, request.Centre, request.Desk);
        return await CashierDays.ReportAsync(db, clock, Currency.Of(options.Value.Currency), request.StaffId, desk?.Centre ?? request.Centre.Trim(),
            desk?.Desk ?? request.Desk.Trim(), request.Date, cancellationToken);
    }
}
