using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using NodaTime;

namespace Modular.Readings.Consumption;

/// <summary>
/// Consumption of a contract (all its meters) per billing period. Actual when an accepted actual reading belongs to the
/// period: the sum of those readings' consumption (each since its meter's previous accepted reading, so a replaced
/// meter's final part and the new meter's part add up). Otherwise Estimated from the average daily use before the
/// period × the period's days, or NoData without history.
/// </summary>
internal sealed class ConsumptionCalculator(ReadingsOptions options, WindowCalendar calendar)
{
    private const int Decimals = 3;

    /// <param name="accepted">Accepted readings of every meter of the contract.</param>
    public ContractConsumption For(Guid contractId, YearMonth period, IReadOnlyList<Reading> accepted)
    {
        var key = Periods.Key(period);
        var inPeriod = accepted.Where(r => r.Period == key && r.Quality != ReadingQuality.Estimated).ToList();
        var previous = accepted.Where(r => r.Period < key && r.Quality != ReadingQuality.Estimated)
            .OrderBy(r => r.ReadingDate).ThenBy(r => r.SubmittedAt).LastOrDefault();
        if (inPeriod.Count == 0)
        {
            var (estimate, hasHistory) = Estimate(period, accepted);
            return new ContractConsumption(contractId, period, estimate, hasHistory ? ConsumptionQuality.Estimated : ConsumptionQuality.NoData,
                null, 0m, previous?.ReadingDate);
        }

        var sincePrevious = inPeriod.Sum(r => r.Consumption);

        // Periods between the previous actual reading and this one were billed as estimates; this period's own share
        // is what the estimates did not cover (never negative). SincePreviousActual lets billing regularize exactly.
        var estimatedBetween = 0m;
        if (previous is not null)
        {
            for (var between = previous.PeriodMonth.PlusMonths(1); between.CompareTo(period) < 0; between = between.PlusMonths(1))
            {
                estimatedBetween += Estimate(between, accepted).CubicMeters;
            }
        }

        return new ContractConsumption(contractId, period, Math.Max(0m, sincePrevious - estimatedBetween), ConsumptionQuality.Actual,
            inPeriod.Max(r => r.ReadingDate), sincePrevious, previous?.ReadingDate);
    }

    /// <summary>Average daily use from readings of earlier periods × the days of the period's month.</summary>
    public (decimal CubicMeters, bool HasHistory) Estimate(YearMonth period, IReadOnlyList<Reading> accepted)
    {
        var key = Periods.Key(period);
        var use = UsageHistory.Average(accepted.Where(r => r.Period < key), calendar.For(period).ClosesOn, options.HistoryMonths);
        var days = period.Calendar.GetDaysInMonth(period.Year, period.Month);
        return (decimal.Round(use.AverageDaily * days, Decimals, MidpointRounding.AwayFromZero), use.HasHistory);
    }
}
