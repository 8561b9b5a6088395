using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Links;

/// <summary>The public faces of the product; each has one public address that absolute links start with.</summary>
public enum PublicSurface
{
    /// <summary>The customer portal (and its API).</summary>
    Portal,

    /// <summary>The utility's back office.</summary>
    Staff,

    /// <summary>The self-service kiosk screens.</summary>
    Kiosk,
}

/// <summary>
/// <c>Modular:Links</c>: the public address of each surface, as customers and staff reach it (behind any proxy), e.g.
/// <c>https://portal.apa.example</c>. Every absolute link (emails, documents, redirects) starts with it. When a surface's
/// address is not set, the host that serves it uses the address it listens on (and records it in the data folder for the
/// hosts that don't, like the worker); outside Development it warns at start that links may point to an internal address.
/// </summary>
public sealed class LinksOptions : IValidatableObject
{
    public string? Portal { get; set; }

    public string? Staff { get; set; }

    public string? Kiosk { get; set; }

    public string? Of(PublicSurface surface) => surface switch
    {
        PublicSurface.Portal => Portal,
        PublicSurface.Staff => Staff,
        PublicSurface.Kiosk => Kiosk,
        _ => throw new ArgumentOutOfRangeException(nameof(surface), surface, "Unknown surface."),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var surface in Enum.GetValues<PublicSurface>())
        {
            if (Of(surface) is { Length: > 0 } value && !IsHttpUrl(value))
            {
                yield return new ValidationResult($"'{value}' is not an absolute http(s) URL.", [surface.ToString()]);
            }
        }
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>
/// A named address on a surface, e.g. <c>accounts.confirm-email</c> → <c>/account/confirm</c> on the portal. Modules
/// declare the routes their emails link to; the host that serves the surface maps the same paths. The path may hold
/// <c>{name}</c> placeholders filled from the link's values; other values become the query string.
/// </summary>
public sealed record LinkRoute(string Name, PublicSurface Surface, string Path);
