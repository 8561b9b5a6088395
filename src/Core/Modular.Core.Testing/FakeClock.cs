using NodaTime;

namespace Modular.Core.Testing;

/// <summary>A clock that only moves when a test moves it. Thread-safe.</summary>
public sealed class FakeClock(Instant now) : IClock
{
    private readonly Lock _lock = new();
    private Instant _now = now;

    /// <summary>A clock at the given local date and time in <paramref name="zone"/> (earlier offset when ambiguous).</summary>
    public static FakeClock At(LocalDateTime local, DateTimeZone zone) => new(local.InZoneLeniently(zone).ToInstant());

    public Instant GetCurrentInstant()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Set(Instant instant)
    {
        lock (_lock)
        {
            _now = instant;
        }
    }

    public void SetLocal(LocalDateTime local, DateTimeZone zone) => Set(local.InZoneLeniently(zone).ToInstant());

    public void Advance(Duration duration)
    {
        lock (_lock)
        {
            _now += duration;
        }
    }
}
