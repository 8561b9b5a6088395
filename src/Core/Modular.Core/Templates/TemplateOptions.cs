using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Templates;

/// <summary>
/// <c>Modular:Templates</c>: a folder whose files replace shipped templates (branding, wording), and the limits every
/// template runs under. Override files are parsed when the host starts: one that does not parse stops the start with
/// its file name and line.
/// </summary>
public sealed class TemplateOptions : IValidatableObject
{
    /// <summary>
    /// Files are looked up as <c>{folder}/{module}/{culture}/{name}.scriban</c>, then <c>{folder}/{module}/{name}.scriban</c>
    /// (e.g. <c>Billing/ro/invoice.html.scriban</c>).
    /// </summary>
    public string? OverrideDirectory { get; set; }

    /// <summary>Iterations of all loops of one rendering together (Scriban counts nested loops into one budget).</summary>
    [Range(1, 1_000_000)]
    public int LoopLimit { get; set; } = 10_000;

    /// <summary>Depth of nested function calls a template may make (its own <c>func</c>s calling themselves).</summary>
    [Range(1, 1_000)]
    public int RecursionLimit { get; set; } = 50;

    /// <summary>Characters one rendering may produce; beyond it the rendering fails instead of growing.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public int OutputLimit { get; set; } = 1024 * 1024;

    /// <summary>Wall time one rendering may take; beyond it the rendering is stopped.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeLimit < TimeSpan.FromMilliseconds(10) || TimeLimit > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"'{TimeLimit}' is not between 10 ms and 5 minutes.", [nameof(TimeLimit)]);
        }

        if (OverrideDirectory is null)
        {
            yield break;
        }

        if (!Directory.Exists(OverrideDirectory))
        {
            yield return new ValidationResult($"The folder '{OverrideDirectory}' does not exist.", [nameof(OverrideDirectory)]);
            yield break;
        }

        foreach (var problem in TemplateFiles.CheckOverrides(OverrideDirectory))
        {
            yield return new ValidationResult(problem, [nameof(OverrideDirectory)]);
        }
    }
}
