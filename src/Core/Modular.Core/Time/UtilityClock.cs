using NodaTime;

namespace Modular.Core.Time;

/// <summary>The current instant and the utility's local date, from <see cref="IClock"/> and the configured zone.</summary>
public sealed class UtilityClock(IClock clock, DateTimeZone zone)
{
    public IClock Clock { get; } = clock;

    public DateTimeZone Zone { get; } = zone;

    public Instant Now => Clock.GetCurrentInstant();

    public ZonedDateTime ZonedNow => Now.InZone(Zone);

    public LocalDate Today => ZonedNow.Date;

    public LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>The instant a local date starts in the utility's zone (handles days that do not start at 00:00).</summary>
    public Instant StartOf(LocalDate date) => Zone.AtStartOfDay(date).ToInstant();
}
