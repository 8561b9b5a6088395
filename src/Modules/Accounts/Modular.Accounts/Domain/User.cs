using NodaTime;

namespace Modular.Accounts.Domain;

/// <summary>A portal user. The email is the login; it is stored as entered and, lower-cased, in <see cref="NormalizedEmail"/> (unique).</summary>
internal sealed class User
{
    public Guid Id { get; set; }

    public string Email { get; set; } = string.Empty;

    public string NormalizedEmail { get; set; } = string.Empty;

    public string PasswordHash { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }

    public Instant? EmailConfirmedAt { get; set; }

    public string? Phone { get; set; }

    public string Culture { get; set; } = "ro";

    public string? TermsVersion { get; set; }

    public Instant? TermsAcceptedAt { get; set; }

    public bool InvoiceByEmail { get; set; }

    public string? InvoiceConditionsVersion { get; set; }

    public Instant? InvoiceConditionsAcceptedAt { get; set; }

    public int FailedLogins { get; set; }

    public Instant? LockedUntil { get; set; }

    public Instant? LastLoginAt { get; set; }

    /// <summary>When the user closed the account; the row stays (ids in invoices, payments and the audit point to it) without personal data.</summary>
    public Instant? ClosedAt { get; set; }

    /// <summary>Optimistic concurrency token: changed on every write, so concurrent edits of one user conflict instead of overwriting.</summary>
    public Guid Version { get; set; }

    public bool IsConfirmed => EmailConfirmedAt is not null;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public void Touch() => Version = Guid.NewGuid();

    public bool MustAcceptTerms(string currentVersion) => TermsVersion != currentVersion;

    public bool IsLockedOut(Instant now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// The lock after <paramref name="failures"/> wrong passwords in a row: none below <paramref name="threshold"/>, then a
    /// back-off that doubles from <paramref name="baseDelay"/> with each further failure, capped at <paramref name="cap"/>, so
    /// nobody can lock an account for longer than the cap and a correct password works again as soon as it ends.
    /// </summary>
    public static Duration? BackOff(int failures, int threshold, Duration baseDelay, Duration cap)
    {
        if (failures < threshold)
        {
            return null;
        }

        var exponent = Math.Min(failures - threshold, 30);
        var ticks = baseDelay.BclCompatibleTicks * (1L << exponent);
        return ticks <= 0 || ticks > cap.BclCompatibleTicks ? cap : Duration.FromTicks(ticks);
    }

    public void Confirm(Instant now)
    {
        EmailConfirmedAt ??= now;
        Touch();
    }

    public void AcceptTerms(string version, Instant now)
    {
        TermsVersion = version;
        TermsAcceptedAt = now;
        Touch();
    }

    public void SetInvoiceByEmail(bool optIn, string? conditionsVersion, Instant now)
    {
        InvoiceByEmail = optIn;
        if (optIn)
        {
            InvoiceConditionsVersion = conditionsVersion;
            InvoiceConditionsAcceptedAt = now;
        }

        Touch();
    }

    public void ChangePassword(string hash)
    {
        PasswordHash = hash;
        FailedLogins = 0;
        LockedUntil = null;
        Touch();
    }

    /// <summary>
    /// Erases the personal data and makes the account unusable: the login becomes a placeholder no address can match, so
    /// the email can register again; no password verifies.
    /// </summary>
    public void Close(Instant now)
    {
        Email = ClosedLogin(Id);
        NormalizedEmail = ClosedLogin(Id);
        PasswordHash = string.Empty;
        Phone = null;
        InvoiceByEmail = false;
        FailedLogins = 0;
        LockedUntil = null;
        LastLoginAt = null;
        ClosedAt = now;
        Touch();
    }

    /// <summary>Not an email address (no '@'), so registration and log-in never match it.</summary>
    public static string ClosedLogin(Guid id) => $"closed:{id:N}";

    public void ChangeEmail(string email)
    {
        Email = email.Trim();
        NormalizedEmail = Normalize(email);
        Touch();
    }
}

/// <summary>A user may see a customer (and its contracts). Several users per customer, several customers per user.</summary>
internal sealed class UserCustomer
{
    public Guid UserId { get; set; }

    public Guid CustomerId { get; set; }

    public Instant LinkedAt { get; set; }
}

internal enum TokenPurpose
{
    ConfirmEmail = 1,
    ResetPassword = 2,
    ChangeEmail = 3,
}

/// <summary>A single-use, expiring token sent by email. Only its SHA-256 is stored.</summary>
internal sealed class UserToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public TokenPurpose Purpose { get; set; }

    public string Hash { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }

    public Instant ExpiresAt { get; set; }

    /// <summary>Set when used or superseded; a concurrency token, so two concurrent uses cannot both succeed.</summary>
    public Instant? UsedAt { get; set; }

    /// <summary>For <see cref="TokenPurpose.ChangeEmail"/>: the address being confirmed.</summary>
    public string? NewEmail { get; set; }

    public bool IsUsable(Instant now) => UsedAt is null && ExpiresAt > now;
}
