using Modular.Core.Schedules;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests.Schedules;

/// <summary>Cron expressions in the utility's zone: daylight saving time in both directions, month ends, long gaps.</summary>
public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("Europe/Bucharest")]
    [InlineData("Europe/Riga")]
    public void A_job_in_the_hour_skipped_in_spring_runs_once_when_the_clocks_jump(string zoneId)
    {
        // 28 March 2027: 03:00 becomes 04:00; 03:30 does not exist that night.
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var schedule = Parse("30 3 * * *", zone);

        var occurrences = Between(schedule, Local(zone, 2027, 3, 27, 0, 0), Local(zone, 2027, 3, 29, 12, 0));

        occurrences.ShouldBe([
            Local(zone, 2027, 3, 27, 3, 30),
            Local(zone, 2027, 3, 28, 4, 0),
            Local(zone, 2027, 3, 29, 3, 30),
        ]);
        occurrences[1].ShouldBe(Instant.FromUtc(2027, 3, 28, 1, 0));
    }

    [Theory]
    [InlineData("Europe/Bucharest")]
    [InlineData("Europe/Riga")]
    public void A_job_in_the_hour_repeated_in_autumn_runs_once_the_first_time_round(string zoneId)
    {
        // 31 October 2027: 04:00 summer time becomes 03:00 winter time; 03:30 happens twice.
        var zone = DateTimeZoneProviders.Tzdb[zoneId];

        var repeated = Between(Parse("30 3 * * *", zone), Local(zone, 2027, 10, 30, 12, 0), Local(zone, 2027, 11, 1, 0, 0));
        var before = Between(Parse("30 2 * * *", zone), Local(zone, 2027, 10, 30, 12, 0), Local(zone, 2027, 11, 1, 0, 0));

        repeated.ShouldBe([Instant.FromUtc(2027, 10, 31, 0, 30)]);
        before.ShouldBe([Instant.FromUtc(2027, 10, 30, 23, 30)]);
    }

    [Fact]
    public void An_hourly_job_keeps_running_every_real_hour_through_the_repeated_hour()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];

        var occurrences = Between(Parse("0 * * * *", zone), Instant.FromUtc(2027, 10, 30, 22, 30), Instant.FromUtc(2027, 10, 31, 3, 30));

        occurrences.ShouldBe([
            Instant.FromUtc(2027, 10, 30, 23, 0),
            Instant.FromUtc(2027, 10, 31, 0, 0),
            Instant.FromUtc(2027, 10, 31, 1, 0),
            Instant.FromUtc(2027, 10, 31, 2, 0),
            Instant.FromUtc(2027, 10, 31, 3, 0),
        ]);
    }

    [Fact]
    public void The_last_day_of_the_month_follows_month_lengths_and_leap_years()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];

        var occurrences = Between(Parse("0 3 L * *", zone), Local(zone, 2028, 1, 1, 0, 0), Local(zone, 2028, 5, 1, 0, 0));

        occurrences.Select(o => o.InZone(zone).Date).ShouldBe([
            new LocalDate(2028, 1, 31), new LocalDate(2028, 2, 29), new LocalDate(2028, 3, 31), new LocalDate(2028, 4, 30),
        ]);
        occurrences.ShouldAllBe(o => o.InZone(zone).TimeOfDay == new LocalTime(3, 0));
    }

    [Fact]
    public void A_day_that_some_months_lack_is_skipped_in_those_months()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Riga"];

        var thirtyFirst = Between(Parse("0 3 31 * *", zone), Local(zone, 2027, 1, 1, 0, 0), Local(zone, 2027, 6, 1, 0, 0));
        var leapDay = Parse("0 0 29 2 *", zone).NextAfter(Local(zone, 2027, 3, 1, 0, 0));

        thirtyFirst.Select(o => o.InZone(zone).Date).ShouldBe([new LocalDate(2027, 1, 31), new LocalDate(2027, 3, 31), new LocalDate(2027, 5, 31)]);
        leapDay.ShouldBe(Local(zone, 2028, 2, 29, 0, 0));
    }

    [Fact]
    public void The_latest_occurrence_after_a_long_gap_is_the_last_one_before_now()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];
        var schedule = Parse("*/5 * * * *", zone);

        schedule.LatestIn(Local(zone, 2026, 1, 1, 0, 0), Local(zone, 2026, 12, 31, 12, 3)).ShouldBe(Local(zone, 2026, 12, 31, 12, 0));
        schedule.LatestIn(Local(zone, 2026, 1, 1, 0, 0), Local(zone, 2026, 1, 1, 0, 4)).ShouldBeNull();
        Parse("0 3 1 1 *", zone).LatestIn(Local(zone, 2020, 6, 1, 0, 0), Local(zone, 2026, 6, 1, 0, 0)).ShouldBe(Local(zone, 2026, 1, 1, 3, 0));
    }

    [Theory]
    [InlineData("0 25 * * *", "Hours")]
    [InlineData("0 3 * *", "")]
    [InlineData("0 0 3 * * *", "")]
    [InlineData("", "required")]
    public void An_expression_that_is_not_five_valid_fields_is_refused_with_the_reason(string text, string reason)
    {
        var zone = CronSchedule.FindZone(DateTimeZoneProviders.Tzdb["Europe/Bucharest"])!;

        CronSchedule.TryParse(text, zone, out var error).ShouldBeNull();

        error.ShouldNotBeNull();
        error.ShouldContain(reason);
    }

    private static CronSchedule Parse(string text, DateTimeZone zone) =>
        CronSchedule.TryParse(text, CronSchedule.FindZone(zone)!, out var error) ?? throw new InvalidOperationException(error);

    private static Instant Local(DateTimeZone zone, int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(zone).ToInstant();

    private static List<Instant> Between(CronSchedule schedule, Instant from, Instant to)
    {
        var result = new List<Instant>();
        for (var next = schedule.NextAfter(from); next is { } n && n <= to; next = schedule.NextAfter(n))
        {
            result.Add(n);
        }

        return result;
    }
}
