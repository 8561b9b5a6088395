using MediatR;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Keys;

/// <summary>A new device key for an active kiosk: the old one stops working with this save.</summary>
internal sealed class IssueKioskKeyHandler(KiosksDbContext db) : IRequestHandler<IssueKioskKey, Result<KioskDeviceKey>>
{
    public async Task<Result<KioskDeviceKey>> Handle(IssueKioskKey request, CancellationToken cancellationToken) =>
        await db.RetryOnConflictAsync<KioskDeviceKey>(async (_, ct) =>
        {
            var kiosk = await db.Kiosks.FindAsync([request.KioskId], ct);
            if (kiosk is null)
            {
                return Result<KioskDeviceKey>.Failure(KiosksErrors.KioskNotFound);
            }

            if (kiosk.Retired)
            {
                return Result<KioskDeviceKey>.Failure(KiosksErrors.KioskRetired);
            }

            return new KioskDeviceKey(kiosk.Id, kiosk.Code, kiosk.NewKey());
        }, new Error(CoreErrors.Conflict), DbConflict.StaleVersion, cancellationToken);
}
