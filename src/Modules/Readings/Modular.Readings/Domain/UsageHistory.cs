using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>Average daily use from accepted readings: consumption after each meter's first reading / days covered.</summary>
internal static class UsageHistory
{
    public readonly record struct DailyUse(decimal AverageDaily, int Days)
    {
        public bool HasHistory => Days > 0;
    }

    /// <param name="readings">Accepted readings of one meter or of all meters of a contract.</param>
    /// <param name="upTo">Only readings on or before this date count (and from <paramref name="months"/> months before it).</param>
    public static DailyUse Average(IEnumerable<Reading> readings, LocalDate upTo, int months)
    {
        var from = upTo.PlusMonths(-months);
        var usable = readings
            .Where(r => r.IsAccepted && r.Quality != ReadingQuality.Estimated && r.ReadingDate <= upTo && r.ReadingDate >= from)
            .OrderBy(r => r.ReadingDate).ThenBy(r => r.SubmittedAt)
            .ToList();
        if (usable.Count < 2)
        {
            return default;
        }

        var days = Period.Between(usable[0].ReadingDate, usable[^1].ReadingDate, PeriodUnits.Days).Days;
        if (days <= 0)
        {
            return default;
        }

        // Each meter's first reading in range measures use before the range; leave it out.
        var total = usable.GroupBy(r => r.MeterId).Sum(g => g.Skip(1).Sum(r => r.Consumption));
        return new DailyUse(total / days, days);
    }
}
