using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Modular.Core.Localization;
using Modular.Web.Platform;

namespace Modular.Web.Branding;

/// <summary>
/// The utility's branding as pages use it: name, logo, the generated <c>/brand.css</c> (colours, then the utility's
/// stylesheet), footer, contact, and the terms text of a version in a language. Files are read once (restart to apply
/// changed files); relative paths are relative to the content root.
/// </summary>
public sealed partial class PortalBranding(IOptions<WebOptions> options, IOptions<LocalizationOptions> localization, IHostEnvironment environment)
{
    private static readonly Dictionary<string, string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".svg"] = "image/svg+xml", [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".webp"] = "image/webp",
    };

    private readonly BrandingOptions _options = options.Value.Branding;
    private readonly ConcurrentDictionary<string, string?> _files = new(StringComparer.Ordinal);
    private string? _css;

    public string Name => _options.Name;

    public BrandingContact Contact => _options.Contact;

    /// <summary>The logo's file, from <c>Logo</c> or the override folder; null without one.</summary>
    public string? LogoPath => Resolve(_options.Logo) ?? ImageTypes.Keys.Select(e => InDirectory("logo" + e)).FirstOrDefault(File.Exists);

    public static string ContentTypeOf(string path) => ImageTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");

    /// <summary>The colours as custom properties, then <c>Stylesheet</c>, then the override folder's <c>brand.css</c>.</summary>
    public string Css => _css ??= BuildCss();

    /// <summary>The footer line of a language (plain text), else of the default language; null when the utility has none.</summary>
    public string? Footer(string culture) =>
        FooterOf(culture) ?? FooterOf(localization.Value.DefaultCulture);

    /// <summary>
    /// The terms and conditions of <paramref name="version"/> in a language, as the HTML fragment the utility supplied in
    /// <c>terms/{version}/{culture}.html</c> of the override folder, else in the default language; null when there is none.
    /// </summary>
    public string? TermsHtml(string version, string culture)
    {
        if (!SafeName().IsMatch(version))
        {
            return null;
        }

        return Read(InDirectory(Path.Combine("terms", version, culture + ".html")))
            ?? Read(InDirectory(Path.Combine("terms", version, localization.Value.DefaultCulture + ".html")));
    }

    private string? FooterOf(string culture) =>
        _options.Footer.TryGetValue(culture, out var line) && !string.IsNullOrWhiteSpace(line) ? line : Read(InDirectory($"footer.{culture}.txt"))?.Trim();

    private string BuildCss()
    {
        var css = new StringBuilder();
        var colors = _options.Colors.All.Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToList();
        if (colors.Count > 0)
        {
            css.Append(":root {");
            foreach (var (_, property, value) in colors)
            {
                css.Append(' ').Append(property).Append(": ").Append(value!.Trim()).Append(';');
            }

            css.AppendLine(" }");
        }

        foreach (var file in new[] { Resolve(_options.Stylesheet), InDirectory("brand.css") })
        {
            if (Read(file) is { } text)
            {
                css.AppendLine(text);
            }
        }

        return css.ToString();
    }

    internal string? Resolve(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path, environment.ContentRootPath);

    private string? InDirectory(string relative) => Resolve(_options.Directory) is { } folder ? Path.Combine(folder, relative) : null;

    private string? Read(string? path) => path is null ? null : _files.GetOrAdd(path, p => File.Exists(p) ? File.ReadAllText(p) : null);

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,49}$")]
    private static partial Regex SafeName();
}
