using NodaTime;

namespace Modular.Accounts.Domain;

/// <summary>
/// A user's link to an identity at an external OpenID Connect provider (a bank, an eID broker): the provider's stable
/// subject and a keyed hash of the national identity number it verified. The number itself is never stored here.
/// </summary>
internal sealed class ExternalLogin
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The provider's configured scheme name (<c>Modular:Accounts:ExternalProviders:n:Scheme</c>).</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>The provider's <c>sub</c> claim: unique and stable for one person at one provider.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>HMAC-SHA256 of the normalized national identity number (see <c>IdentityNumberHasher</c>).</summary>
    public string IdentityHash { get; set; } = string.Empty;

    public Instant LinkedAt { get; set; }

    public Instant? LastUsedAt { get; set; }
}
