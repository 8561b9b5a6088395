using Modular.Core.Results;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>What a new reading would mean: the reading it is compared with, consumption, warnings, readings it replaces.</summary>
internal sealed record ReadingDecision(Reading Base, decimal Consumption, bool Rollover, IReadOnlyList<Error> Warnings, IReadOnlyList<Reading> Supersedes);

/// <summary>
/// The index rules: monotonic per meter, rollover only when the register's capacity explains it and the result is
/// plausible, comparison with the last accepted reading of an earlier period (never with the value a revision replaces),
/// plausibility warnings from the meter's history (see <see cref="Plausibility"/>), no readings after the contract's end.
/// The readings passed in need only be the meter's accepted readings the <see cref="MeterHistoryWindow"/> names.
/// </summary>
internal sealed class ReadingRules(ReadingsOptions options)
{
    public Result<ReadingDecision> Decide(Meter meter, IReadOnlyCollection<Reading> readings, decimal index, LocalDate date, int period, ReadingSource source,
        LocalDate? contractEndsOn = null)
    {
        if (meter.CheckIndex(index) is { } invalid)
        {
            return invalid;
        }

        if (meter.IsRemoved)
        {
            return Error.Of(ReadingsErrors.MeterRemoved, null, ("removedOn", meter.RemovedOn!.Value));
        }

        if (date < meter.InstalledOn)
        {
            return Error.Of(ReadingsErrors.DateBeforeInstall, "Date", ("installedOn", meter.InstalledOn));
        }

        if (contractEndsOn is { } end && date > end)
        {
            return Error.Of(ReadingsErrors.ContractEnded, null, ("endedOn", end), ("endedOnIso", end.ToString("yyyy-MM-dd", null)));
        }

        var accepted = readings.Where(r => r.IsAccepted).ToList();

        // An estimate is for a period nobody read: it replaces only an earlier estimate of it.
        var estimate = source == ReadingSource.UtilityEstimate;
        if (estimate && accepted.Any(r => r.Period == period && !r.IsMeterChange && !r.IsEstimate))
        {
            return Error.Of(ReadingsErrors.PeriodAlreadyRead, "Date");
        }

        // Customers revise their own reading; utility readings (field, meter change) also replace the period's
        // customer and field readings, so a period's consumption is never counted twice. Any reading replaces the
        // period's estimate.
        var utility = source is ReadingSource.FieldReader or ReadingSource.MeterChange;
        var supersedes = accepted
            .Where(r => r.Period == period && !r.IsMeterChange && (r.IsEstimate || r.IsCustomer || (utility && r.IsField)))
            .ToList();
        // A field reading wins over the period's readings whatever their dates; a meter change cannot be dated
        // before a reading the old meter already has.
        var replaced = source == ReadingSource.MeterChange ? supersedes.Where(r => r.ReadingDate <= date) : supersedes;
        if (accepted.Except(replaced).Any(r => r.Period > period || r.ReadingDate > date))
        {
            return Error.Of(ReadingsErrors.LaterReadingExists, "Date");
        }

        var isCustomer = source is ReadingSource.CustomerPortal or ReadingSource.Kiosk or ReadingSource.Staff;
        if (isCustomer && accepted.Any(r => r.Period == period && r.IsField))
        {
            return Error.Of(ReadingsErrors.PeriodReadByUtility);
        }

        // Readings of earlier periods and the installation reading; a revision never compares with what it replaces, and
        // no reading compares with an estimate (consumption runs from actual reading to actual reading).
        var earlier = accepted.Where(r => (r.Period < period || r.IsMeterChange) && !r.IsEstimate).OrderBy(r => r.ReadingDate).ThenBy(r => r.SubmittedAt).ToList();
        if (earlier.Count == 0)
        {
            return Error.Of(ReadingsErrors.DateBeforeInstall, "Date", ("installedOn", meter.InstalledOn));
        }

        var baseReading = earlier[^1];
        var plausible = Plausibility.Assess(earlier, date, options);

        decimal consumption;
        var rollover = false;
        if (index >= baseReading.Index)
        {
            consumption = index - baseReading.Index;
        }
        else
        {
            consumption = meter.Capacity - baseReading.Index + index;
            rollover = true;
            if (plausible.UseBeforeBase + consumption > plausible.Limit)
            {
                return Error.Of(ReadingsErrors.IndexLowerThanPrevious, "Index", ("previous", Normalize(baseReading.Index)), ("index", Normalize(index)));
            }
        }

        var warnings = new List<Error>();
        var use = plausible.UseBeforeBase + consumption;
        if (plausible.HasHistory && use > plausible.Limit)
        {
            warnings.Add(Error.Of(ReadingsErrors.ConsumptionHigh, "Index", ("consumption", Normalize(use)),
                ("expected", Normalize(decimal.Round(plausible.Expected, 3))), ("since", plausible.Reference.ReadingDate)));
        }

        if (consumption == 0 && ZeroForLong(accepted, period))
        {
            warnings.Add(Error.Of(ReadingsErrors.ConsumptionZero, "Index", ("periods", options.ZeroConsumptionPeriods)));
        }

        return new ReadingDecision(baseReading, consumption, rollover, warnings, supersedes);
    }

    /// <summary>Drops trailing zeros (a value read back from the database may carry them) so messages show 500, not 500.000.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>The previous N-1 periods' readings all measured nothing (and there are that many).</summary>
    private bool ZeroForLong(IEnumerable<Reading> accepted, int period)
    {
        var needed = options.ZeroConsumptionPeriods - 1;
        var previous = accepted.Where(r => r.Period < period && !r.IsMeterChange && !r.IsEstimate)
            .GroupBy(r => r.Period).OrderByDescending(g => g.Key).Take(needed).ToList();
        return previous.Count == needed && previous.All(g => g.Sum(r => r.Consumption) == 0);
    }
}
