using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Domain;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Authentication;

/// <summary>
/// The kiosk whose current key this is. The key is looked up by its SHA-256 hash and compared again in constant time; a
/// wrong, replaced or retired key gets the same answer (<c>kiosks.key_invalid</c>), so an answer says nothing about which.
/// </summary>
internal sealed class AuthenticateKioskHandler(KiosksDbContext db) : IRequestHandler<AuthenticateKiosk, Result<KioskIdentity>>
{
    public async Task<Result<KioskIdentity>> Handle(AuthenticateKiosk request, CancellationToken cancellationToken)
    {
        var key = request.DeviceKey?.Trim() ?? string.Empty;
        if (key.Length is 0 or > 200)
        {
            return Result<KioskIdentity>.Failure(KiosksErrors.KeyInvalid, nameof(AuthenticateKiosk.DeviceKey));
        }

        var hash = Kiosk.Hash(key);
        var kiosk = await db.Kiosks.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        var matches = kiosk is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(kiosk.KeyHash), Encoding.ASCII.GetBytes(hash));
        return matches && kiosk!.Accepts(key)
            ? new KioskIdentity(kiosk.Id, kiosk.Code, kiosk.Centre, kiosk.Name)
            : Result<KioskIdentity>.Failure(KiosksErrors.KeyInvalid, nameof(AuthenticateKiosk.DeviceKey));
    }
}
