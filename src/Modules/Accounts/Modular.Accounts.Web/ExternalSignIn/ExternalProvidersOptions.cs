using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Modular.Accounts.Web.ExternalSignIn;

/// <summary>
/// The external OpenID Connect providers customers may register and sign in with, bound from <c>Modular:Accounts</c>
/// (<c>ExternalProviders</c>, a list, beside the module's own <c>IdentityHashKey</c>).
/// </summary>
public sealed partial class ExternalProvidersOptions : IValidatableObject
{
    public List<ExternalProviderOptions> ExternalProviders { get; set; } = [];

    /// <summary>The Accounts module's key for the identity number hash: checked here because only this package knows providers are configured.</summary>
    public string? IdentityHashKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ExternalProviders.Count; i++)
        {
            var p = ExternalProviders[i];
            var at = $"ExternalProviders:{i}";
            if (p.Scheme is null || !SchemePattern().IsMatch(p.Scheme))
            {
                yield return new ValidationResult($"{at}:Scheme '{p.Scheme}' must be 1-30 lower-case letters, digits or dashes (it appears in URLs).", [at]);
            }
            else if (!seen.Add(p.Scheme))
            {
                yield return new ValidationResult($"{at}:Scheme '{p.Scheme}' is configured twice.", [at]);
            }

            if (!Uri.TryCreate(p.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"{at}:Authority '{p.Authority}' must be the provider's absolute https address (its issuer).", [at]);
            }
            else if (authority.Scheme == Uri.UriSchemeHttp && p.RequireHttpsMetadata)
            {
                yield return new ValidationResult($"{at}:Authority must use https (RequireHttpsMetadata=false is for local test providers only).", [at]);
            }

            if (string.IsNullOrWhiteSpace(p.ClientId))
            {
                yield return new ValidationResult($"{at}:ClientId is required.", [at]);
            }

            if (string.IsNullOrWhiteSpace(p.ClientSecret))
            {
                yield return new ValidationResult($"{at}:ClientSecret is required (the portal is a confidential client).", [at]);
            }

            if (string.IsNullOrWhiteSpace(p.NationalIdClaim))
            {
                yield return new ValidationResult($"{at}:NationalIdClaim is required (the claim carrying the national identity number).", [at]);
            }

            if (p.DisplayName.Count == 0 || p.DisplayName.Values.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"{at}:DisplayName needs a name per language (ro, en, lv; the first is used for a missing one).", [at]);
            }

            if (p.Logo.Values.Any(l => !Uri.TryCreate(l, UriKind.RelativeOrAbsolute, out _)))
            {
                yield return new ValidationResult($"{at}:Logo must hold addresses of images.", [at]);
            }
        }

        if (ExternalProviders.Count > 0 && string.IsNullOrWhiteSpace(IdentityHashKey))
        {
            yield return new ValidationResult(
                "Modular:Accounts:IdentityHashKey is required when ExternalProviders are configured (base64 of at least 32 random bytes).", [nameof(IdentityHashKey)]);
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,30}$")]
    private static partial Regex SchemePattern();
}

/// <summary>One OpenID Connect provider (a bank, an eID broker).</summary>
public sealed class ExternalProviderOptions
{
    /// <summary>Stable id, in URLs (<c>/signin-{Scheme}</c>) and stored with each link: never rename it once users linked.</summary>
    public string Scheme { get; set; } = string.Empty;

    /// <summary>The provider's issuer; its discovery document (<c>/.well-known/openid-configuration</c>) gives endpoints and keys.</summary>
    public string Authority { get; set; } = string.Empty;

    public string ClientId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Scopes besides <c>openid</c> (always asked), e.g. <c>profile</c>, <c>email</c>, or the provider's own.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The ID token claim carrying the national identity number (CNP, personas kods).</summary>
    public string NationalIdClaim { get; set; } = "national_id";

    /// <summary>The provider verifies email addresses: an address it marks <c>email_verified</c> needs no confirmation link.</summary>
    public bool VerifiesEmail { get; set; }

    /// <summary>Name on the buttons, per language (<c>ro</c>, <c>en</c>, <c>lv</c>).</summary>
    public Dictionary<string, string> DisplayName { get; set; } = [];

    /// <summary>Optional logo address per language.</summary>
    public Dictionary<string, string> Logo { get; set; } = [];

    /// <summary>Only a local test provider may be plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string NameIn(string culture) =>
        DisplayName.TryGetValue(culture, out var name) ? name : DisplayName.TryGetValue("en", out var en) ? en : DisplayName.Values.FirstOrDefault() ?? Scheme;

    public string? LogoIn(string culture) =>
        Logo.TryGetValue(culture, out var logo) ? logo : Logo.TryGetValue("en", out var en) ? en : Logo.Values.FirstOrDefault();
}
