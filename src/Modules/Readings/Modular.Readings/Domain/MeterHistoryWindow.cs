using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>
/// The slice of a meter's accepted readings the rules need for a reading dated <see cref="Date"/>: those from
/// <see cref="From"/> on (the average and last year's season, the period's readings, any later ones), and – only when that
/// slice lacks them – the <see cref="OlderCount"/> readings before it (the previous reading of a meter unread for long, or
/// the periods the zero-use warning looks back on; estimates are neither). Its size depends on time, never on how many readings the meter has.
/// </summary>
internal sealed record MeterHistoryWindow(LocalDate Date, int Period, LocalDate From, int OlderCount, int ZeroPeriods)
{
    public static MeterHistoryWindow For(LocalDate date, int period, ReadingsOptions options)
    {
        // Last year's season needs a year plus the span (at least the minimum days) plus the readings around it.
        var months = Math.Max(options.HistoryMonths, 12 + ((options.PlausibilityMinimumDays + 29) / 30)) + 3;
        var zeroPeriods = options.ZeroConsumptionPeriods - 1;
        return new MeterHistoryWindow(date, period, date.PlusMonths(-months), zeroPeriods + 2, zeroPeriods);
    }

    public bool NeedsOlder(IReadOnlyCollection<Reading> slice) =>
        !slice.Any(r => (r.Period < Period || r.IsMeterChange) && !r.IsEstimate)
        || slice.Where(r => r.Period < Period && !r.IsMeterChange && !r.IsEstimate).Select(r => r.Period).Distinct().Count() < ZeroPeriods;
}
