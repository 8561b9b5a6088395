using Modular.Core.Testing;
using Modular.Core.Time;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public sealed class TimeTests
{
    private static readonly DateTimeZone Bucharest = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];

    [Fact]
    public void Today_is_the_utility_date_not_the_utc_date()
    {
        // 22:30 UTC on 24 November is 00:30 on 25 November in Bucharest (UTC+2).
        var clock = new UtilityClock(new FakeClock(Instant.FromUtc(2026, 11, 24, 22, 30)), Bucharest);
        clock.Today.ShouldBe(new LocalDate(2026, 11, 25));
    }

    [Fact]
    public void A_fake_clock_moves_only_when_told()
    {
        var clock = FakeClock.At(new LocalDateTime(2026, 10, 25, 2, 30), Bucharest);
        var before = clock.GetCurrentInstant();
        clock.GetCurrentInstant().ShouldBe(before);
        clock.Advance(Duration.FromHours(1));
        clock.GetCurrentInstant().ShouldBe(before + Duration.FromHours(1));
    }

    [Fact]
    public void Start_of_day_is_in_the_utility_zone()
    {
        var clock = new UtilityClock(new FakeClock(Instant.FromUtc(2026, 6, 1, 0, 0)), Bucharest);
        clock.StartOf(new LocalDate(2026, 6, 25)).ShouldBe(Instant.FromUtc(2026, 6, 24, 21, 0)); // UTC+3 in summer
    }

    [Theory]
    [InlineData("Europe/Bucharest", true)]
    [InlineData("Europe/Riga", true)]
    [InlineData("Mars/Olympus", false)]
    public void The_time_zone_option_must_be_an_iana_id(string zone, bool valid)
    {
        var options = new TimeOptions { TimeZone = zone };
        options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Any().ShouldBe(!valid);
    }
}
