using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.ChooseDesk;

/// <summary>The configured centres and desks, and the desk the caller's staff session chose.</summary>
internal sealed class GetCashierDeskHandler(PaymentsDbContext db, ICurrentUser user, IOptions<PaymentsOptions> options)
    : IRequestHandler<GetCashierDesk, Result<CashierDeskState>>
{
    public async Task<Result<CashierDeskState>> Handle(GetCashierDesk request, CancellationToken cancellationToken)
    {
        var centres = options.Value.CentresOrDefault.OrderBy(c => c.Value.Name, StringComparer.CurrentCulture)
            .Select(c => new CashierCentre(c.Key, c.Value.Name, c.Value.Desks)).ToList();
        CashierDesk? chosen = null;
        if (user.SessionId is { } session
            && await db.CashierDesks.AsNoTracking().SingleOrDefaultAsync(d => d.SessionId == session && d.StaffId == user.StaffId, cancellationToken) is { } row)
        {
            // A desk removed from the configuration since is no desk any more: the cashier chooses again.
            chosen = CashierDays.Configured(options.Value, row.Centre, row.Desk);
        }

        return new CashierDeskState(centres, chosen);
    }
}
