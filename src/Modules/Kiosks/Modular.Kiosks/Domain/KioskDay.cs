using NodaTime;

namespace Modular.Kiosks.Domain;

/// <summary>
/// One kiosk's day (utility's zone): open while it takes transactions, closed once when its cash box is emptied. The
/// version token makes a close and a transaction racing for the same day see each other.
/// </summary>
internal sealed class KioskDay
{
    private KioskDay()
    {
    }

    public Guid Id { get; private set; }

    public Guid KioskId { get; private set; }

    public LocalDate Day { get; private set; }

    public Instant OpenedAt { get; private set; }

    public Instant? ClosedAt { get; private set; }

    public Guid? ClosedBy { get; private set; }

    public int Version { get; private set; }

    public bool Closed => ClosedAt is not null;

    public static KioskDay Open(Guid id, Guid kioskId, LocalDate day, Instant now) => new() { Id = id, KioskId = kioskId, Day = day, OpenedAt = now };

    /// <summary>A transaction counted in this (open) day: the version moves so a concurrent close conflicts.</summary>
    public void Touch() => Version++;

    /// <summary>Closes the day; false when it was closed before.</summary>
    public bool Close(Instant now, Guid? by)
    {
        if (Closed)
        {
            return false;
        }

        ClosedAt = now;
        ClosedBy = by;
        Version++;
        return true;
    }
}
