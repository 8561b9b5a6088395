using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Localization;

/// <summary><c>Modular:Localization</c>: cultures the portal speaks and where a host may override texts.</summary>
public sealed class LocalizationOptions : IValidatableObject
{
    public static readonly string[] Supported = ["ro", "en", "lv"];

    [Required]
    public string DefaultCulture { get; set; } = "ro";

    /// <summary>A folder with <c>{culture}.json</c> files whose keys replace the shipped texts.</summary>
    public string? OverrideDirectory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Supported.Contains(DefaultCulture))
        {
            yield return new ValidationResult($"'{DefaultCulture}' is not one of {string.Join(", ", Supported)}.", [nameof(DefaultCulture)]);
        }

        if (OverrideDirectory is not null && !Directory.Exists(OverrideDirectory))
        {
            yield return new ValidationResult($"The folder '{OverrideDirectory}' does not exist.", [nameof(OverrideDirectory)]);
        }
    }
}
