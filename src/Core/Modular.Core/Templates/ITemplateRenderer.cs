using System.Reflection;

namespace Modular.Core.Templates;

/// <summary>An assembly whose embedded <c>templates/</c> resources belong to a module.</summary>
public sealed record TemplateSource(string Module, Assembly Assembly);

/// <summary>
/// Renders a module's template with a model. The port keeps modules independent of the engine: Handlebars.Net
/// ships (Scriban, which the design names, is not available here), and another engine can be plugged in.
/// </summary>
public interface ITemplateRenderer
{
    /// <summary>
    /// Renders <paramref name="name"/> (e.g. <c>confirm-email.html</c>) of <paramref name="module"/> in <paramref name="culture"/>.
    /// Names ending in <c>.html</c> are HTML-escaped; others (subjects, plain text) are not.
    /// </summary>
    Task<string> RenderAsync(string module, string name, object model, string? culture = null, CancellationToken cancellationToken = default);

    /// <summary>Whether such a template exists (shipped or overridden).</summary>
    bool Exists(string module, string name, string? culture = null);
}

public sealed class TemplateNotFoundException(string module, string name, string culture)
    : Exception($"No template '{name}' for module '{module}' (culture '{culture}'), neither overridden nor embedded.");
