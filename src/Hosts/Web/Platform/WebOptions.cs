using System.ComponentModel.DataAnnotations;

namespace Modular.Web.Platform;

/// <summary><c>Modular:Web</c>: sessions, throttling, tokens, first-run demo data and branding of the portal.</summary>
public sealed class WebOptions : IValidatableObject
{
    /// <summary>A session ends after this many minutes without a request (sliding).</summary>
    [Range(1, 1440)]
    public int IdleTimeoutMinutes { get; set; } = 20;

    /// <summary>A session ends this many hours after log-in, however active.</summary>
    [Range(1, 168)]
    public int AbsoluteTimeoutHours { get; set; } = 8;

    /// <summary>Log-in, registration and password reset attempts per client address and minute.</summary>
    [Range(1, 10000)]
    public int CredentialAttemptsPerMinute { get; set; } = 10;

    /// <summary>Days a new personal access token stays valid.</summary>
    [Range(1, 3650)]
    public int AccessTokenLifetimeDays { get; set; } = 365;

    /// <summary>Active personal access tokens a user may hold at once.</summary>
    [Range(1, 100)]
    public int MaxAccessTokensPerUser { get; set; } = 10;

    /// <summary>Load the demo customers, meters, readings, invoices and payments when the database has none.</summary>
    public bool LoadDemoData { get; set; } = true;

    public BrandingOptions Branding { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AbsoluteTimeoutHours * 60 < IdleTimeoutMinutes)
        {
            yield return new ValidationResult("AbsoluteTimeoutHours must not be shorter than IdleTimeoutMinutes.", [nameof(AbsoluteTimeoutHours)]);
        }

        if (Branding.Stylesheet is { } css && !File.Exists(css))
        {
            yield return new ValidationResult($"Branding:Stylesheet '{css}' does not exist.", [nameof(Branding)]);
        }
    }
}

public sealed class BrandingOptions
{
    /// <summary>The utility's name in the header, page titles and footer.</summary>
    [Required]
    public string Name { get; set; } = "Modular";

    /// <summary>A CSS file loaded after the portal's own (colours, logo, fonts); served as <c>/brand.css</c>.</summary>
    public string? Stylesheet { get; set; }
}
