using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.CloseDayOf;

internal sealed class CloseCashierDayOfValidator : AbstractValidator<CloseCashierDayOf>
{
    public CloseCashierDayOfValidator()
    {
        RuleFor(c => c.Centre).DeskCode();
        RuleFor(c => c.Desk).DeskCode();
    }
}

/// <summary>A supervisor closes another cashier's day, under the code it was recorded with (the desk may since be gone).</summary>
internal sealed class CloseCashierDayOfHandler(PaymentsDbContext db, UtilityClock clock, IOptions<PaymentsOptions> options)
    : IRequestHandler<CloseCashierDayOf, Result<CashierDayReport>>
{
    public async Task<Result<CashierDayReport>> Handle(CloseCashierDayOf request, CancellationToken cancellationToken)
    {
        var desk = CashierDays.Configured(options.Value, request.Centre, request.Desk);
        return await CashierDays.CloseAsync(db, clock, Currency.Of(options.Value.Currency), request.StaffId, desk?.Centre ?? request.Centre.Trim(),
            desk?.Desk ?? request.Desk.Trim(), request.Date, cancellationToken);
    }
}
