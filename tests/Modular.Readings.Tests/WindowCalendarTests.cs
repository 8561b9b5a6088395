using Modular.Readings.Domain;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>Window dates from the options, without a database.</summary>
public sealed class WindowCalendarTests
{
    [Fact]
    public void The_default_window_runs_from_the_25th_to_the_last_day_of_the_month_including_a_leap_February()
    {
        var calendar = new WindowCalendar(25, null);
        calendar.For(new YearMonth(2028, 2)).ShouldBe(new WindowDates(new YearMonth(2028, 2), new LocalDate(2028, 2, 25), new LocalDate(2028, 2, 29)));
        calendar.For(new YearMonth(2027, 2)).ClosesOn.ShouldBe(new LocalDate(2027, 2, 28));
        calendar.OpenOn(new LocalDate(2028, 2, 29))!.Period.ShouldBe(new YearMonth(2028, 2));
        calendar.OpenOn(new LocalDate(2028, 3, 1)).ShouldBeNull();
        calendar.NextAfter(new LocalDate(2028, 3, 1)).OpensOn.ShouldBe(new LocalDate(2028, 3, 25));
        calendar.NextAfter(new LocalDate(2028, 2, 25)).OpensOn.ShouldBe(new LocalDate(2028, 3, 25));
    }

    [Fact]
    public void A_fixed_end_day_is_clamped_to_short_months()
    {
        var calendar = new WindowCalendar(20, 31);
        calendar.For(new YearMonth(2026, 4)).ClosesOn.ShouldBe(new LocalDate(2026, 4, 30));
        calendar.For(new YearMonth(2026, 4)).OpensOn.ShouldBe(new LocalDate(2026, 4, 20));
    }

    [Fact]
    public void A_crossing_window_ends_in_the_next_month_and_its_tail_belongs_to_the_month_it_opened_in()
    {
        var calendar = new WindowCalendar(25, 5);
        calendar.For(new YearMonth(2026, 12)).ClosesOn.ShouldBe(new LocalDate(2027, 1, 5));
        calendar.OpenOn(new LocalDate(2027, 1, 5))!.Period.ShouldBe(new YearMonth(2026, 12));
        calendar.OpenOn(new LocalDate(2027, 1, 6)).ShouldBeNull();
        calendar.PeriodOf(new LocalDate(2027, 1, 3)).ShouldBe(new YearMonth(2026, 12));
        calendar.PeriodOf(new LocalDate(2027, 1, 10)).ShouldBe(new YearMonth(2027, 1));
        calendar.NextAfter(new LocalDate(2027, 1, 3)).OpensOn.ShouldBe(new LocalDate(2027, 1, 25));
    }

    [Fact]
    public void Options_refuse_a_crossing_window_that_could_overlap_the_next_one()
    {
        var invalid = new ReadingsOptions { WindowStartDay = 29, WindowEndDay = 3 };
        invalid.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(invalid)).ShouldNotBeEmpty();
        var valid = new ReadingsOptions { WindowStartDay = 25, WindowEndDay = 5 };
        valid.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(valid)).ShouldBeEmpty();
    }
}
