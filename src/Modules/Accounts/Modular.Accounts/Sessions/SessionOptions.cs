using System.ComponentModel.DataAnnotations;

namespace Modular.Accounts.Sessions;

/// <summary><c>Modular:Accounts:Sessions</c>: how long sessions live. Staff sessions are shorter.</summary>
public sealed class SessionOptions : IValidatableObject
{
    /// <summary>A customer session ends after this long without a request.</summary>
    [Range(1, 24 * 60)]
    public int CustomerIdleMinutes { get; set; } = 30;

    /// <summary>A customer session ends this long after log-in, however active.</summary>
    [Range(1, 24 * 30)]
    public int CustomerAbsoluteHours { get; set; } = 12;

    [Range(1, 24 * 60)]
    public int StaffIdleMinutes { get; set; } = 15;

    [Range(1, 24 * 7)]
    public int StaffAbsoluteHours { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StaffIdleMinutes > CustomerIdleMinutes || StaffAbsoluteHours > CustomerAbsoluteHours)
        {
            yield return new ValidationResult("Staff sessions must not outlive customer sessions.", [nameof(StaffIdleMinutes), nameof(StaffAbsoluteHours)]);
        }
    }
}
