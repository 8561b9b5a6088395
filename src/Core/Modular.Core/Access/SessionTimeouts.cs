using System.ComponentModel.DataAnnotations;
using NodaTime;

namespace Modular.Core.Access;

/// <summary>
/// <c>Modular:Sessions</c>: how long sessions live, in one place for the server-side session (Accounts), the portal's
/// cookie and the back office's. Staff sessions are shorter.
/// </summary>
public sealed class SessionTimeouts : IValidatableObject
{
    /// <summary>A customer session ends after this long without a request.</summary>
    [Range(1, 24 * 60)]
    public int CustomerIdleMinutes { get; set; } = 30;

    /// <summary>A customer session ends this long after log-in, however active.</summary>
    [Range(1, 24 * 30)]
    public int CustomerAbsoluteHours { get; set; } = 12;

    /// <summary>A staff session ends after this long without a request; not longer than a customer's.</summary>
    [Range(1, 24 * 60)]
    public int StaffIdleMinutes { get; set; } = 15;

    /// <summary>A staff session ends this long after log-in; not longer than a customer's.</summary>
    [Range(1, 24 * 7)]
    public int StaffAbsoluteHours { get; set; } = 8;

    public Duration CustomerIdle => Duration.FromMinutes(CustomerIdleMinutes);

    public Duration CustomerAbsolute => Duration.FromHours(CustomerAbsoluteHours);

    public Duration StaffIdle => Duration.FromMinutes(StaffIdleMinutes);

    public Duration StaffAbsolute => Duration.FromHours(StaffAbsoluteHours);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StaffIdleMinutes > CustomerIdleMinutes || StaffAbsoluteHours > CustomerAbsoluteHours)
        {
            yield return new ValidationResult("Staff sessions must not outlive customer sessions.", [nameof(StaffIdleMinutes), nameof(StaffAbsoluteHours)]);
        }

        if (CustomerAbsoluteHours * 60 < CustomerIdleMinutes || StaffAbsoluteHours * 60 < StaffIdleMinutes)
        {
            yield return new ValidationResult("An absolute timeout must not be shorter than its idle timeout.", [nameof(CustomerAbsoluteHours), nameof(StaffAbsoluteHours)]);
        }
    }
}
