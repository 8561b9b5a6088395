using Modular.Accounts.Contracts;
using NodaTime;

namespace Modular.Accounts.Domain;

/// <summary>A member of the utility's staff. Not a portal user: the same email may belong to both without mixing them.</summary>
internal sealed class StaffMember
{
    public Guid Id { get; set; }

    public string Email { get; set; } = string.Empty;

    public string NormalizedEmail { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Space-separated role names.</summary>
    public string Roles { get; set; } = string.Empty;

    public string PasswordHash { get; set; } = string.Empty;

    /// <summary>The TOTP shared secret (base32). The server needs it to check codes, so it is stored as is: protect the database.</summary>
    public string TotpSecret { get; set; } = string.Empty;

    /// <summary>The last TOTP time step accepted: a code (or an older one) is never accepted twice.</summary>
    public long? LastTotpStep { get; set; }

    public int FailedLogins { get; set; }

    public Instant? LockedUntil { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? LastLoginAt { get; set; }

    public Instant? DisabledAt { get; set; }

    public Guid Version { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsLockedOut(Instant now) => LockedUntil is { } until && until > now;

    public void Touch() => Version = Guid.NewGuid();
}

/// <summary>A one-time recovery code; only its SHA-256 (with the staff id) is stored.</summary>
internal sealed class StaffRecoveryCode
{
    public Guid Id { get; set; }

    public Guid StaffId { get; set; }

    public string Hash { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }

    public Instant? UsedAt { get; set; }
}

/// <summary>
/// A server-side session of a portal user or a staff member, shared by every instance through the database. The cookie
/// carries its secret; only the secret's SHA-256 is stored.
/// </summary>
internal sealed class Session
{
    public Guid Id { get; set; }

    public SessionKind Kind { get; set; }

    public Guid PrincipalId { get; set; }

    public string SecretHash { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }

    public Instant LastSeenAt { get; set; }

    public Instant ExpiresAt { get; set; }

    public Instant? EndedAt { get; set; }

    public string? EndReason { get; set; }

    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>The customer this staff session acts on behalf of, why and since when (none when not acting).</summary>
    public Guid? ActingForCustomerId { get; set; }

    public string? ActingReason { get; set; }

    public Instant? ActingSince { get; set; }

    public void End(Instant now, string reason)
    {
        EndedAt ??= now;
        EndReason ??= reason;
    }
}
