using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>
/// What use is plausible up to a new reading, compared like with like: use per day over a span of at least
/// <see cref="ReadingsOptions.PlausibilityMinimumDays"/> (reaching back past a reading taken only days ago), against the
/// higher of the last <see cref="ReadingsOptions.HistoryMonths"/> months' average and the same season a year earlier.
/// </summary>
/// <param name="Reference">The reading the span starts from.</param>
/// <param name="UseBeforeBase">Use between <paramref name="Reference"/> and the previous reading (0 when they are the same).</param>
/// <param name="Expected">Expected use over the span.</param>
/// <param name="Limit">Use over the span above which the reading warns (and a lower index is no rollover).</param>
/// <param name="HasHistory">False for a meter without enough readings: only the floor applies, and nothing warns.</param>
internal sealed record Plausibility(Reading Reference, decimal UseBeforeBase, decimal Expected, decimal Limit, bool HasHistory)
{
    /// <param name="earlier">The meter's accepted readings before the new one, ordered by date (the last is the previous reading).</param>
    public static Plausibility Assess(IReadOnlyList<Reading> earlier, LocalDate date, ReadingsOptions options)
    {
        var usable = earlier.Where(r => r.Quality != ReadingQuality.Estimated).ToList();
        if (usable.Count == 0)
        {
            return new Plausibility(earlier[^1], 0m, 0m, options.PlausibilityFloor, false);
        }

        var from = usable.FindLastIndex(r => UsageHistory.Days(r.ReadingDate, date) >= options.PlausibilityMinimumDays);
        from = Math.Max(from, 0);
        var reference = usable[from];
        var useBeforeBase = usable.Skip(from + 1).Sum(r => r.Consumption);
        var span = Math.Max(0, UsageHistory.Days(reference.ReadingDate, date));

        var average = UsageHistory.Average(usable, date, options.HistoryMonths);
        var seasonal = UsageHistory.Seasonal(usable, reference.ReadingDate, date);
        var hasHistory = average.HasHistory || seasonal is not null;
        var expected = Math.Max(average.AverageDaily, seasonal ?? 0m) * span;
        var limit = hasHistory ? Math.Max(options.PlausibilityFactor * expected, options.PlausibilityFloor) : options.PlausibilityFloor;
        return new Plausibility(reference, useBeforeBase, expected, limit, hasHistory);
    }
}
