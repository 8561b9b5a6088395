using System.ComponentModel.DataAnnotations;
using Modular.Core.Limits;
using NodaTime;

namespace Modular.Accounts.Access;

/// <summary>
/// <c>Modular:Accounts:ProofLimits</c>: how many wrong proofs of a client code (registration, linking) are free per portal
/// user, per client code and per client network (an IPv4 address, an IPv6 /64) before each further attempt waits – the wait
/// starts at <see cref="BaseSeconds"/> and doubles per failure up to <see cref="MaxSeconds"/>; failures are forgotten after
/// <see cref="WindowHours"/> without one. Shared by every instance through the database.
/// </summary>
public sealed class ProofLimitOptions : IValidatableObject
{
    [Range(1, 1000)]
    public int PerUser { get; set; } = 5;

    /// <summary>Also slows the code's rightful owner while someone guesses at it; a correct proof forgets the code's failures.</summary>
    [Range(1, 1000)]
    public int PerClientCode { get; set; } = 10;

    /// <summary>Higher than per user: several customers may share an office or a carrier's address.</summary>
    [Range(1, 100_000)]
    public int PerAddress { get; set; } = 20;

    [Range(1, 24 * 3600)]
    public int BaseSeconds { get; set; } = 60;

    [Range(1, 7 * 24 * 3600)]
    public int MaxSeconds { get; set; } = 3600;

    [Range(1, 24 * 30)]
    public int WindowHours { get; set; } = 24;

    internal AttemptRule Rule(int threshold) =>
        new(threshold, Duration.FromSeconds(BaseSeconds), Duration.FromSeconds(MaxSeconds), Duration.FromHours(WindowHours));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxSeconds < BaseSeconds)
        {
            yield return new ValidationResult("MaxSeconds must not be less than BaseSeconds.", [nameof(MaxSeconds)]);
        }
    }
}
