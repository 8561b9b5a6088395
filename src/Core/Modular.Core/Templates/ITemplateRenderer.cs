using System.Reflection;

namespace Modular.Core.Templates;

/// <summary>An assembly whose embedded <c>templates/</c> resources belong to a module.</summary>
public sealed record TemplateSource(string Module, Assembly Assembly);

/// <summary>
/// Renders a module's template with a model. The port keeps modules independent of the engine; the shipped one is
/// Scriban, sandboxed because utilities edit templates (see <c>docs/templates.md</c>).
/// </summary>
/// <remarks>
/// The model is copied before rendering: dictionaries, anonymous objects, records and lists become plain template
/// values, their names in snake_case (<c>invoiceNumber</c> → <c>invoice_number</c>); numbers, <c>Money</c> and NodaTime
/// values stay values for the template's <c>money</c>, <c>number</c>, <c>percent</c> and <c>date</c> functions, which
/// format them in the template's culture. Nothing else of the .NET objects is reachable from a template.
/// </remarks>
public interface ITemplateRenderer
{
    /// <summary>
    /// Renders <paramref name="name"/> (e.g. <c>confirm-email.html</c>) of <paramref name="module"/> in <paramref name="culture"/>
    /// (one of the portal's languages; any other falls back to the default culture).
    /// Names ending in <c>.html</c> are HTML-escaped; others (subjects, plain text) are not.
    /// </summary>
    /// <exception cref="TemplateNotFoundException">Neither an override nor the module ships the template.</exception>
    /// <exception cref="TemplateException">The shipped template failed (an override that fails falls back to it).</exception>
    Task<string> RenderAsync(string module, string name, object model, string? culture = null, CancellationToken cancellationToken = default);

    /// <summary>Whether such a template exists (shipped or overridden).</summary>
    bool Exists(string module, string name, string? culture = null);
}

public sealed class TemplateNotFoundException(string module, string name, string culture)
    : Exception($"No template '{name}' for module '{module}' (culture '{culture}'), neither overridden nor embedded.");

/// <summary>A template could not be parsed or rendered; the message names the file (or embedded resource) and the line.</summary>
public sealed class TemplateException(string source, int line, int column, string reason, Exception? inner = null)
    : Exception($"Template '{source}', line {line}, column {column}: {reason}", inner)
{
    /// <summary>The override file's path, or <c>{Module}:templates/...</c> for a shipped template.</summary>
    public string File { get; } = source;

    /// <summary>1-based; 0 when the failure has no position (e.g. the time limit).</summary>
    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Reason { get; } = reason;
}
