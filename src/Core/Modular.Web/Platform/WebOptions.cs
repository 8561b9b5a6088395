using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Modular.Web.Platform;

/// <summary><c>Modular:Web</c>: throttling, tokens and branding of the portal.</summary>
public sealed class WebOptions : IValidatableObject
{
    /// <summary>Log-in, registration and password reset attempts per client address and minute.</summary>
    [Range(1, 10000)]
    public int CredentialAttemptsPerMinute { get; set; } = 10;

    /// <summary>Days a new personal access token stays valid.</summary>
    [Range(1, 3650)]
    public int AccessTokenLifetimeDays { get; set; } = 365;

    /// <summary>Active personal access tokens a user may hold at once.</summary>
    [Range(1, 100)]
    public int MaxAccessTokensPerUser { get; set; } = 10;

    /// <summary>The utility's name, logo, colours, footer, contact and terms (see <see cref="BrandingOptions"/>).</summary>
    public BrandingOptions Branding { get; set; } = new();

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public DataProtectionSettings DataProtection { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in ForwardedHeaders.Validate())
        {
            yield return error;
        }
    }
}

/// <summary>
/// <c>Modular:Web:ForwardedHeaders</c>: behind a TLS-terminating reverse proxy, trust its <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> so the portal knows the client's address and that the request was HTTPS. Only the listed
/// proxies are trusted (loopback when none are listed); headers from any other address are ignored.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<IPAddress> Proxies => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<IPNetwork> Networks => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    internal IEnumerable<ValidationResult> Validate()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p?.Trim(), out _)))
        {
            yield return new ValidationResult($"'{proxy}' is not an IP address.", [Section + ":" + nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n?.Trim(), out _)))
        {
            yield return new ValidationResult($"'{network}' is not a network in CIDR notation (e.g. 10.0.0.0/24).", [Section + ":" + nameof(KnownNetworks)]);
        }
    }
}

/// <summary>
/// <c>Modular:Web:DataProtection</c>: a PKCS#12 (.pfx) certificate with its private key that encrypts the data
/// protection keys stored in the database. Every instance needs the same certificate. Loaded and checked when the host
/// is built (see <see cref="Composition.KeyProtection"/>).
/// </summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }

    public string? Password { get; set; }
}
