using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>One row per period whose window-opened event went out; the primary key makes it once per period.</summary>
internal sealed class WindowOpening
{
    public int Period { get; set; }

    public Instant OpenedAt { get; set; }
}
