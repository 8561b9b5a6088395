using Microsoft.EntityFrameworkCore;
using Modular.Core.Demo;
using Modular.Core.Time;
using Modular.Kiosks.Domain;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.DemoData;

/// <summary>
/// One kiosk, <c>CC1-K1</c> at the demo collection centre <c>CENTRAL</c>, with a fixed development key (in the kiosk host's
/// appsettings.Development.json) so a kiosk host started beside the demo portal knows who it is. Never use it elsewhere: a
/// real kiosk gets its key from the back office.
/// </summary>
internal sealed class KiosksDemoData(KiosksDbContext db, UtilityClock clock) : IDemoData
{
    /// <summary>The demo kiosk's development key.</summary>
    public const string DemoKey = "demo-kiosk-CC1-K1-development-key";

    public const string DemoCode = "CC1-K1";

    public Task<bool> HasDataAsync(CancellationToken cancellationToken) => db.Kiosks.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        if (await db.Kiosks.AnyAsync(k => k.Code == DemoCode, cancellationToken))
        {
            return;
        }

        db.Kiosks.Add(Kiosk.WithKey(Guid.NewGuid(), DemoCode, "CENTRAL", "Chioșc – Casieria centrală", DemoKey, clock.Now));
        await db.SaveChangesAsync(cancellationToken);
    }

    public IEnumerable<string> Describe() => [$"Demo kiosk {DemoCode} (centre CENTRAL): device key {DemoKey}"];
}
