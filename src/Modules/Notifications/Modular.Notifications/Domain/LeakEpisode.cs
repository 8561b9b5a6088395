using NodaTime;

namespace Modular.Notifications.Domain;

/// <summary>
/// A stretch of unusual use on one contract: opened (and the users warned, once) by the reading that showed it, closed by
/// the first reading back within the usual use. At most one open episode per contract (a partial unique index).
/// </summary>
internal sealed class LeakEpisode
{
    public Guid Id { get; set; }

    public Guid ContractId { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary><see cref="LeakSignal.High"/> or <see cref="LeakSignal.Steady"/>.</summary>
    public LeakSignal Signal { get; set; }

    /// <summary>The start of the interval that showed it (the previous reading's date).</summary>
    public LocalDate Since { get; set; }

    public LocalDate OpenedOn { get; set; }

    public Guid OpenedByReading { get; set; }

    public double LitresPerDay { get; set; }

    public double UsualLitresPerDay { get; set; }

    public LocalDate? ClosedOn { get; set; }

    public Guid? ClosedByReading { get; set; }

    public Instant CreatedAt { get; set; }
}
