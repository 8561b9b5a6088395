using Microsoft.EntityFrameworkCore;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Days;
using Modular.Kiosks.Domain;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Queries;

/// <summary>Kiosks with their status and today's summary, as the back office shows them.</summary>
internal static class KioskViews
{
    public static async Task<IReadOnlyList<KioskView>> ViewsAsync(KiosksDbContext db, UtilityClock clock, string currency, IReadOnlyList<Kiosk> kiosks,
        CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var ids = kiosks.Select(k => k.Id).ToList();
        var transactions = await db.Transactions.AsNoTracking().Where(t => ids.Contains(t.KioskId) && t.Day == today).ToListAsync(cancellationToken);
        var days = await db.Days.AsNoTracking().Where(d => ids.Contains(d.KioskId) && d.Day == today).ToListAsync(cancellationToken);
        return kiosks.Select(k => View(k, KioskDays.Summary(today, transactions.Where(t => t.KioskId == k.Id), days.SingleOrDefault(d => d.KioskId == k.Id),
            currency))).ToList();
    }

    public static KioskView View(Kiosk kiosk, KioskDaySummary today) =>
        new(kiosk.Id, kiosk.Code, kiosk.Centre, kiosk.Name, kiosk.Retired, kiosk.RegisteredAt, kiosk.LastSeenAt, kiosk.PendingEntries, today);
}
