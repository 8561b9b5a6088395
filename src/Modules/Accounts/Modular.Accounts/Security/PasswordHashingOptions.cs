using System.ComponentModel.DataAnnotations;

namespace Modular.Accounts.Security;

/// <summary>
/// <c>Modular:Accounts:PasswordHashing</c>: how much password hashing (log-in, registration, password changes) one process
/// runs at once. Each hash costs tens of milliseconds of one core by design, so a flood of logins would otherwise take every
/// core; beyond <see cref="MaxConcurrent"/> running and <see cref="MaxQueued"/> waiting, further requests are refused at
/// once (503 with Retry-After <see cref="RetryAfterSeconds"/>) and change nothing.
/// </summary>
public sealed class PasswordHashingOptions
{
    /// <summary>Hashes computed at once; 0 (the default) means half the cores, at least one.</summary>
    [Range(0, 1024)]
    public int MaxConcurrent { get; set; }

    [Range(0, 10_000)]
    public int MaxQueued { get; set; } = 16;

    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    internal int EffectiveMaxConcurrent => MaxConcurrent > 0 ? MaxConcurrent : Math.Max(1, Environment.ProcessorCount / 2);
}
