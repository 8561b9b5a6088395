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
        await db.ContractTerms.AsNoTracking().Where(t => EF.Parameter(contractIds).Contains(t.ContractId) && t.EndDate != null)
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

    // Lists go to the database as one array parameter (EF.Parameter): a job asks for thousands of meters at once, and a
    // parameter per item costs SQLite a name lookup each.
    public static async Task<IReadOnlyList<MeterView>> ViewsAsync(ReadingsDbContext db, UtilityClock clock, ReadingsOptions options, IQueryable<Meter> meters, CancellationToken cancellationToken)
    {
        var list = await meters.AsNoTracking().ToListAsync(cancellationToken);
        var ids = list.Select(m => m.Id).ToList();
        var ends = await ContractEndsAsync(db, list.Select(m => m.ContractId).Distinct().ToList(), cancellationToken);

        // The window's period is the utility's, the same for every meter. "Previous" is what the next submission is
        // compared with, as ReadingRules does: the last reading of an earlier period (or a meter change). A reading
        // already in the window's period is shown apart, so a correction does not make its own value look like the
        // previous one. Two readings per meter at most come back, however long its history is.
        var calendar = new WindowCalendar(options);
        var period = Periods.Key((calendar.OpenOn(clock.Today) ?? calendar.NextAfter(clock.Today)).Period);
        var accepted = db.Readings.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.MeterId) && r.Status == ReadingStatus.Accepted);
        var meterChange = ReadingSource.MeterChange;
        var previous = await Latest(accepted.Where(r => r.Period < period || r.Source == meterChange)).ToDictionaryAsync(r => r.MeterId, cancellationToken);
        var current = await Latest(accepted.Where(r => r.Period == period && r.Source != meterChange)).ToDictionaryAsync(r => r.MeterId, cancellationToken);
        return list.OrderBy(m => m.RemovedOn is not null).ThenBy(m => m.Serial, StringComparer.Ordinal)
            .Select(m =>
            {
                var window = WindowState(clock, options, m, ends.GetValueOrDefault(m.ContractId));
                var before = previous.GetValueOrDefault(m.Id);
                return new MeterView(m.Id, m.Serial, m.ContractId, m.IntegerDigits, m.DecimalPlaces, m.InstalledOn, m.InitialIndex, m.RemovedOn,
                    m.FinalIndex, m.VerificationDue, m.SelfReadAllowed, before?.Index, before?.ReadingDate, window, current.GetValueOrDefault(m.Id)?.Index,
                    m.ReplacedBy);
            })
            .ToList();
    }

    /// <summary>Each meter's last reading of those given, in the order a meter's history is read (date, then submission).</summary>
    private static IQueryable<Reading> Latest(IQueryable<Reading> readings) =>
        readings.GroupBy(r => r.MeterId).Select(g => g.OrderByDescending(r => r.ReadingDate).ThenByDescending(r => r.SubmittedAt).First());
}
