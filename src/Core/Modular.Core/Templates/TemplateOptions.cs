using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Templates;

/// <summary><c>Modular:Templates</c>: a folder whose files replace shipped templates (branding, wording).</summary>
public sealed class TemplateOptions : IValidatableObject
{
    /// <summary>Files are looked up as <c>{folder}/{module}/{culture}/{name}.hbs</c>, then <c>{folder}/{module}/{name}.hbs</c>.</summary>
    public string? OverrideDirectory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverrideDirectory is not null && !Directory.Exists(OverrideDirectory))
        {
            yield return new ValidationResult($"The folder '{OverrideDirectory}' does not exist.", [nameof(OverrideDirectory)]);
        }
    }
}
