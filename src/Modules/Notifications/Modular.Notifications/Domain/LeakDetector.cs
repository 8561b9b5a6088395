using NodaTime;

namespace Modular.Notifications.Domain;

/// <summary>
/// One accepted actual reading of a contract's meter as the leak rules read it: <see cref="Consumption"/> (m³) is what
/// Readings computed since the same meter's previous actual reading (rollovers counted, a new meter's first reading from its
/// installation index). Estimates are never samples.
/// </summary>
internal sealed record LeakSample(Guid MeterId, LocalDate Date, decimal Consumption);

/// <summary>The thresholds of the leak rules (from <c>NotificationsOptions</c>).</summary>
internal sealed record LeakThresholds(
    double Factor,
    double MinimumExcessLitresPerDay,
    int SteadyReadings,
    double SteadyFactor,
    double SteadyMinimumExcessLitresPerDay,
    double SteadyTolerance,
    double NormalFactor,
    int MinimumDays,
    int SeasonDays,
    int MinimumHistory)
{
    public static readonly LeakThresholds Default = new(2.0, 150, 3, 1.4, 60, 0.25, 1.3, 7, 45, 2);
}

/// <summary>What a reading showed.</summary>
internal enum LeakSignal
{
    /// <summary>Not enough history, or the last interval is too short to judge.</summary>
    Unknown,

    /// <summary>Within the customer's usual use (an episode ends here).</summary>
    Normal,

    /// <summary>Above usual, but not enough to warn (an open episode stays open).</summary>
    Raised,

    /// <summary>Clearly above the seasonal usual use.</summary>
    High,

    /// <summary>A constant extra flow: several readings in a row raised by about the same amount.</summary>
    Steady,
}

/// <param name="LitresPerDay">Use per day over the last interval.</param>
/// <param name="UsualLitresPerDay">The customer's usual use per day for the season (median), 0 when unknown.</param>
/// <param name="Since">The start of the last interval (the previous reading's date).</param>
internal sealed record LeakVerdict(LeakSignal Signal, double LitresPerDay, double UsualLitresPerDay, LocalDate? Since, LocalDate? Until);

/// <summary>
/// Per-day use between readings compared with the customer's own use in the same season of earlier years: the median of
/// the intervals whose middle lies within <see cref="LeakThresholds.SeasonDays"/> of the same day of the year, a year or
/// more earlier (else the median of the twelve months before). A long absence then a catch-up reading, a replaced meter, a
/// rolled-over register and the summer's garden water all normalise away; estimates are not samples.
/// </summary>
internal static class LeakDetector
{
    private sealed record Interval(LocalDate From, LocalDate To, double LitresPerDay)
    {
        public LocalDate Middle => From.PlusDays(Period.DaysBetween(From, To) / 2);
    }

    public static LeakVerdict Evaluate(IReadOnlyList<LeakSample> samples, LeakThresholds thresholds)
    {
        var intervals = Intervals(samples, thresholds.MinimumDays);
        if (intervals.Count == 0)
        {
            return new LeakVerdict(LeakSignal.Unknown, 0, 0, null, null);
        }

        var last = intervals[^1];
        var usual = Usual(intervals, last, thresholds);
        if (usual is null)
        {
            return new LeakVerdict(LeakSignal.Unknown, last.LitresPerDay, 0, last.From, last.To);
        }

        var high = last.LitresPerDay > thresholds.Factor * usual.Value && last.LitresPerDay - usual.Value >= thresholds.MinimumExcessLitresPerDay;
        if (high)
        {
            return new LeakVerdict(LeakSignal.High, last.LitresPerDay, usual.Value, last.From, last.To);
        }

        if (IsSteady(intervals, thresholds))
        {
            return new LeakVerdict(LeakSignal.Steady, last.LitresPerDay, usual.Value, last.From, last.To);
        }

        var signal = last.LitresPerDay <= thresholds.NormalFactor * usual.Value ? LeakSignal.Normal : LeakSignal.Raised;
        return new LeakVerdict(signal, last.LitresPerDay, usual.Value, last.From, last.To);
    }

    /// <summary>The last <see cref="LeakThresholds.SteadyReadings"/> intervals each raised over their own usual use by about the same flow.</summary>
    private static bool IsSteady(List<Interval> intervals, LeakThresholds thresholds)
    {
        var n = thresholds.SteadyReadings;
        if (n < 2 || intervals.Count < n + thresholds.MinimumHistory)
        {
            return false;
        }

        var excesses = new List<double>(n);
        for (var i = intervals.Count - n; i < intervals.Count; i++)
        {
            var usual = Usual(intervals.Take(i + 1).ToList(), intervals[i], thresholds, before: intervals[intervals.Count - n].From);
            if (usual is null || intervals[i].LitresPerDay < thresholds.SteadyFactor * usual.Value
                || intervals[i].LitresPerDay - usual.Value < thresholds.SteadyMinimumExcessLitresPerDay)
            {
                return false;
            }

            excesses.Add(intervals[i].LitresPerDay - usual.Value);
        }

        var mean = excesses.Average();
        return excesses.All(e => Math.Abs(e - mean) <= thresholds.SteadyTolerance * mean);
    }

    /// <summary>
    /// The usual use per day for <paramref name="current"/>'s season from intervals ending before <paramref name="before"/>
    /// (default: the current one's start): the same season a year or more earlier, else the last twelve months.
    /// </summary>
    private static double? Usual(List<Interval> intervals, Interval current, LeakThresholds thresholds, LocalDate? before = null)
    {
        var limit = before ?? current.From;
        var history = intervals.Where(i => i.To <= limit).ToList();
        var seasonal = history
            .Where(i => Period.DaysBetween(i.Middle, current.Middle) >= 300 && SeasonDistance(i.Middle, current.Middle) <= thresholds.SeasonDays)
            .Select(i => i.LitresPerDay)
            .ToList();
        if (seasonal.Count >= thresholds.MinimumHistory)
        {
            return Median(seasonal);
        }

        var recent = history.Where(i => i.To >= limit.PlusDays(-365)).Select(i => i.LitresPerDay).ToList();
        return recent.Count >= thresholds.MinimumHistory ? Median(recent) : null;
    }

    /// <summary>Days between two dates' places in the year (wrapping over the new year).</summary>
    private static int SeasonDistance(LocalDate a, LocalDate b)
    {
        var d = Math.Abs(a.DayOfYear - b.DayOfYear);
        return Math.Min(d, 365 - d);
    }

    private static List<Interval> Intervals(IReadOnlyList<LeakSample> samples, int minimumDays)
    {
        var intervals = new List<Interval>();
        foreach (var meter in samples.GroupBy(s => s.MeterId))
        {
            var ordered = meter.OrderBy(s => s.Date).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var days = Period.DaysBetween(ordered[i - 1].Date, ordered[i].Date);
                if (days >= minimumDays && ordered[i].Consumption >= 0)
                {
                    intervals.Add(new Interval(ordered[i - 1].Date, ordered[i].Date, (double)ordered[i].Consumption * 1000d / days));
                }
            }
        }

        return intervals.OrderBy(i => i.To).ToList();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
