using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using NodaTime;

namespace Modular.Readings.Meters;

/// <summary>Meter views with the previous accepted index and the window state.</summary>
internal static class MeterViews
{
    /// <summary>End dates of the contracts that have one (Readings' copy of Accounts' contract dates).</summary>
    public static async Task<Dictionary<Guid, LocalDate?>> ContractEndsAsync(ReadingsDbContext db, List<Guid> contractIds, CancellationToken cancellationToken) =>
        await db.ContractTerms.AsNoTracking().Where(t => contractIds.Contains(t.ContractId) && t.EndDate != null)
            .ToDictionaryAsync(t => t.ContractId, t => t.EndDate, cancellationToken);

    /// <summary>The window as the customer sees it; a meter whose contract has ended cannot take a reading.</summary>
    public static ReadingWindowState WindowState(UtilityClock clock, ReadingsOptions options, Meter meter, LocalDate? contractEndsOn)
    {
        var calendar = new WindowCalendar(options);
        var today = clock.Today;
        var open = calendar.OpenOn(today);
        var shown = open ?? calendar.NextAfter(today);
        var next = calendar.NextAfter(today);
        return new ReadingWindowState(open is not null, shown.Period, shown.OpensOn, shown.ClosesOn, next.OpensOn, meter.SelfReadAllowed,
            open is not null && meter.SelfReadAllowed && !(today > contractEndsOn));
    }

    public static async Task<IReadOnlyList<MeterView>> ViewsAsync(ReadingsDbContext db, UtilityClock clock, ReadingsOptions options, IQueryable<Meter> meters, CancellationToken cancellationToken)
    {
        var list = await meters.AsNoTracking().ToListAsync(cancellationToken);
        var ids = list.Select(m => m.Id).ToList();
        var accepted = ReadingStatus.Accepted;
        var readings = await db.Readings.AsNoTracking().Where(r => ids.Contains(r.MeterId) && r.Status == accepted).ToListAsync(cancellationToken);
        var ends = await ContractEndsAsync(db, list.Select(m => m.ContractId).Distinct().ToList(), cancellationToken);
        var byMeter = readings.GroupBy(r => r.MeterId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.ReadingDate).ThenBy(r => r.SubmittedAt).ToList());
        return list.OrderBy(m => m.RemovedOn is not null).ThenBy(m => m.Serial, StringComparer.Ordinal)
            .Select(m =>
            {
                var window = WindowState(clock, options, m, ends.GetValueOrDefault(m.ContractId));
                // "Previous" is what the next submission is compared with, as ReadingRules does: the last reading of an
                // earlier period. A reading already in the window's period is shown apart, so a correction does not
                // make its own value look like the previous one.
                var period = Periods.Key(window.Period);
                var own = byMeter.GetValueOrDefault(m.Id) ?? [];
                var previous = own.LastOrDefault(r => r.Period < period || r.IsMeterChange);
                var current = own.LastOrDefault(r => r.Period == period && !r.IsMeterChange);
                return new MeterView(m.Id, m.Serial, m.ContractId, m.IntegerDigits, m.DecimalPlaces, m.InstalledOn, m.InitialIndex, m.RemovedOn,
                    m.FinalIndex, m.VerificationDue, m.SelfReadAllowed, previous?.Index, previous?.ReadingDate, window, current?.Index);
            })
            .ToList();
    }
}
