using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>The self-reading window of one period: both dates inclusive, local dates in the utility's zone.</summary>
internal sealed record WindowDates(YearMonth Period, LocalDate OpensOn, LocalDate ClosesOn)
{
    public bool Contains(LocalDate date) => date >= OpensOn && date <= ClosesOn;
}

/// <summary>Window dates from the options: start day, end day or end of month, or a window crossing into the next month.</summary>
internal sealed class WindowCalendar(int startDay, int? endDay)
{
    public WindowCalendar(ReadingsOptions options)
        : this(options.WindowStartDay, options.WindowEndDay)
    {
    }

    private bool Crosses => endDay is { } end && end < startDay;

    public WindowDates For(YearMonth period)
    {
        var opens = Day(period, startDay);
        var closes = endDay switch
        {
            null => period.OnDayOfMonth(period.Calendar.GetDaysInMonth(period.Year, period.Month)),
            { } end when end < startDay => Day(period.PlusMonths(1), end),
            { } end => Day(period, end),
        };
        return new WindowDates(period, opens, closes);
    }

    /// <summary>The window open on <paramref name="date"/>, if any.</summary>
    public WindowDates? OpenOn(LocalDate date)
    {
        var month = date.ToYearMonth();
        foreach (var period in new[] { month.PlusMonths(-1), month })
        {
            var window = For(period);
            if (window.Contains(date))
            {
                return window;
            }
        }

        return null;
    }

    /// <summary>The first window that opens after <paramref name="date"/>.</summary>
    public WindowDates NextAfter(LocalDate date)
    {
        var period = date.ToYearMonth().PlusMonths(-1);
        while (true)
        {
            var window = For(period);
            if (window.OpensOn > date)
            {
                return window;
            }

            period = period.PlusMonths(1);
        }
    }

    /// <summary>The window open on <paramref name="date"/>, else the most recent one that opened before it.</summary>
    public WindowDates CurrentOrLast(LocalDate date)
    {
        if (OpenOn(date) is { } open)
        {
            return open;
        }

        var period = date.ToYearMonth();
        while (For(period).OpensOn > date)
        {
            period = period.PlusMonths(-1);
        }

        return For(period);
    }

    /// <summary>
    /// The billing period a reading taken on <paramref name="date"/> belongs to: the period of the window open that
    /// day (a crossing window's tail belongs to the previous month), else the date's month.
    /// </summary>
    public YearMonth PeriodOf(LocalDate date) => Crosses && OpenOn(date) is { } window ? window.Period : date.ToYearMonth();

    private static LocalDate Day(YearMonth month, int day) =>
        month.OnDayOfMonth(Math.Min(day, month.Calendar.GetDaysInMonth(month.Year, month.Month)));
}
