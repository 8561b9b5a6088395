using NodaTime;

namespace Modular.Requests.Domain;

/// <summary>
/// The utility's working calendar: Monday to Friday from <see cref="Start"/> to <see cref="End"/> local time, except
/// public holidays, in the utility's zone. Due times are counted in local working time and only then placed on the
/// timeline, so a daylight-saving change between submission and due time moves nothing a clerk would see.
/// </summary>
internal sealed class WorkingCalendar(DateTimeZone zone, LocalTime start, LocalTime end, IReadOnlySet<LocalDate> holidays)
{
    public LocalTime Start { get; } = start;

    public LocalTime End { get; } = end;

    public bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !holidays.Contains(date);

    /// <summary>The end of the working day that is <paramref name="days"/> working days after the day of <paramref name="from"/>.</summary>
    public Instant AddWorkingDays(Instant from, int days)
    {
        var date = from.InZone(zone).Date;
        for (var counted = 0; counted < days;)
        {
            date = date.PlusDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return At(date + End);
    }

    /// <summary><paramref name="hours"/> of working time after <paramref name="from"/> (time outside working hours does not count).</summary>
    public Instant AddWorkingHours(Instant from, int hours) => AddWorkingTime(from, Duration.FromHours(hours));

    /// <summary><paramref name="time"/> of working time after <paramref name="from"/>.</summary>
    public Instant AddWorkingTime(Instant from, Duration time)
    {
        var local = from.InZone(zone).LocalDateTime;
        var left = time;
        var date = local.Date;
        var start = local.TimeOfDay < Start ? Start : local.TimeOfDay;
        while (true)
        {
            if (IsWorkingDay(date) && start < End)
            {
                var available = Period.Between(date + start, date + End, PeriodUnits.Ticks).ToDuration();
                if (left <= available)
                {
                    return At((date + start).PlusTicks(left.BclCompatibleTicks));
                }

                left -= available;
            }

            date = date.PlusDays(1);
            start = Start;
        }
    }

    /// <summary>The working time between two instants (nothing when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public Duration WorkingTimeBetween(Instant from, Instant to)
    {
        var total = Duration.Zero;
        var first = from.InZone(zone).LocalDateTime;
        var last = to.InZone(zone).LocalDateTime;
        for (var date = first.Date; date <= last.Date; date = date.PlusDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            var start = date == first.Date && first.TimeOfDay > Start ? first.TimeOfDay : Start;
            var end = date == last.Date && last.TimeOfDay < End ? last.TimeOfDay : End;
            if (start < end)
            {
                total += Period.Between(date + start, date + end, PeriodUnits.Ticks).ToDuration();
            }
        }

        return total;
    }

    private Instant At(LocalDateTime local) => local.InZoneLeniently(zone).ToInstant();
}
