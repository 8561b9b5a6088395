using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>Average daily use from accepted readings: consumption after each meter's first reading / days covered.</summary>
internal static class UsageHistory
{
    /// <summary>How far the readings around last year's span may lie from it (a monthly reading on either side).</summary>
    private const int SeasonalSlackDays = 62;

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

    /// <summary>
    /// Daily use of one meter over the same days a year earlier, measured between the readings that enclose them; null
    /// without a year of history or when those readings lie far from the span (too coarse to say anything about a season).
    /// </summary>
    /// <param name="ordered">Accepted actual readings of one meter, by date.</param>
    public static decimal? Seasonal(IReadOnlyList<Reading> ordered, LocalDate from, LocalDate to)
    {
        var start = from.PlusYears(-1);
        var end = to.PlusYears(-1);
        var before = -1;
        var after = -1;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].ReadingDate <= start)
            {
                before = i;
            }

            if (after < 0 && ordered[i].ReadingDate >= end)
            {
                after = i;
            }
        }

        if (before < 0 || after <= before)
        {
            return null;
        }

        var days = Days(ordered[before].ReadingDate, ordered[after].ReadingDate);
        if (days <= 0 || days > Days(start, end) + SeasonalSlackDays)
        {
            return null;
        }

        var use = 0m;
        for (var i = before + 1; i <= after; i++)
        {
            use += ordered[i].Consumption;
        }

        return use / days;
    }

    public static int Days(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days;
}
