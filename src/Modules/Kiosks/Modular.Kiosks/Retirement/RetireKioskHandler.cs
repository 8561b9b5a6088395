using MediatR;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Retirement;

/// <summary>Retires a kiosk (again: nothing more happens): its key stops working, its days and reports stay.</summary>
internal sealed class RetireKioskHandler(KiosksDbContext db, UtilityClock clock) : IRequestHandler<RetireKiosk, Result>
{
    public async Task<Result> Handle(RetireKiosk request, CancellationToken cancellationToken)
    {
        var retired = await db.RetryOnConflictAsync<bool>(async (_, ct) =>
        {
            var kiosk = await db.Kiosks.FindAsync([request.KioskId], ct);
            if (kiosk is null)
            {
                return Result<bool>.Failure(KiosksErrors.KioskNotFound);
            }

            if (!kiosk.Retired)
            {
                kiosk.Retire(clock.Now);
            }

            return true;
        }, new Error(CoreErrors.Conflict), DbConflict.StaleVersion, cancellationToken);
        return retired.IsFailure ? Result.Failure(retired.Errors) : Result.Success();
    }
}
