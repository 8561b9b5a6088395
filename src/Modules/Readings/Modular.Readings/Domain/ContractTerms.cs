using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>
/// Readings' copy of a contract's dates, kept from Accounts' <c>ContractTermsChanged</c> events: a meter takes no readings
/// after its contract's end. A host without Accounts has no rows here and no end dates to apply.
/// </summary>
internal sealed class ContractTerms
{
    public Guid ContractId { get; set; }

    public LocalDate StartDate { get; set; }

    public LocalDate? EndDate { get; set; }

    /// <summary>When Accounts changed the dates; an older event arriving late changes nothing.</summary>
    public Instant ChangedAt { get; set; }
}
