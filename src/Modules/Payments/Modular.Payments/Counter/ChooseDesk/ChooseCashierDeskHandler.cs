using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.ChooseDesk;

internal sealed class ChooseCashierDeskValidator : AbstractValidator<ChooseCashierDesk>
{
    public ChooseCashierDeskValidator()
    {
        RuleFor(c => c.Centre).DeskCode();
        RuleFor(c => c.Desk).DeskCode();
    }
}

/// <summary>
/// The staff session's desk: kept server-side per session (it ends with the session, and a copied form cannot move
/// another session's money to another desk). Choosing again replaces it; the day at each desk stays its own.
/// </summary>
internal sealed class ChooseCashierDeskHandler(PaymentsDbContext db, ICurrentUser user, IOptions<PaymentsOptions> options, UtilityClock clock)
    : IRequestHandler<ChooseCashierDesk, Result<CashierDesk>>
{
    public async Task<Result<CashierDesk>> Handle(ChooseCashierDesk request, CancellationToken cancellationToken)
    {
        if (CashierDays.Configured(options.Value, request.Centre, request.Desk) is not { } desk)
        {
            return Result<CashierDesk>.Failure(PaymentsErrors.DeskUnknown, "Desk");
        }

        if (user is not { StaffId: { } staffId, SessionId: { } session })
        {
            return Result<CashierDesk>.Failure(PaymentsErrors.DeskNotChosen);
        }

        // Two tabs choosing at once: the second writes over the first (the key is the session), never two rows.
        return await db.RetryOnConflictAsync<CashierDesk>(async (_, ct) =>
        {
            var row = await db.CashierDesks.SingleOrDefaultAsync(d => d.SessionId == session, ct);
            if (row is null)
            {
                db.CashierDesks.Add(new CashierDeskChoice(session, staffId, desk.Centre, desk.Desk, clock.Now));
            }
            else if (row.StaffId == staffId)
            {
                row.Choose(desk.Centre, desk.Desk, clock.Now);
            }
            else
            {
                return Result<CashierDesk>.Failure(PaymentsErrors.DeskNotChosen);
            }

            return desk;
        }, new Error(CoreErrors.Conflict), DbConflict.Taken, cancellationToken);
    }
}
