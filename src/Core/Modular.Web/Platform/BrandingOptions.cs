using System.Text.RegularExpressions;

namespace Modular.Web.Platform;

/// <summary>
/// <c>Modular:Web:Branding</c>: how the portal presents the utility. Every setting is optional; files may also come from
/// <see cref="Directory"/> (override files: <c>logo.svg|png|jpg|webp</c>, <c>brand.css</c>, <c>footer.{culture}.txt</c>,
/// <c>terms/{version}/{culture}.html</c>). Relative paths are relative to the host's content root.
/// </summary>
public sealed partial class BrandingOptions
{
    /// <summary>The utility's name in the header, page titles and footer.</summary>
    public string Name { get; set; } = "Modular";

    /// <summary>An image shown before the name in the header (svg, png, jpg or webp); served as <c>/brand/logo</c>.</summary>
    public string? Logo { get; set; }

    /// <summary>A CSS file loaded after the portal's own (fonts, anything the colours do not cover); part of <c>/brand.css</c>.</summary>
    public string? Stylesheet { get; set; }

    /// <summary>A folder of override files (see the class summary).</summary>
    public string? Directory { get; set; }

    /// <summary>The portal's colours, as CSS custom properties.</summary>
    public BrandingColors Colors { get; set; } = new();

    /// <summary>A line in the footer per language (<c>ro</c>, <c>en</c>, <c>lv</c>), plain text; a language without one uses the default language's.</summary>
    public Dictionary<string, string> Footer { get; set; } = [];

    /// <summary>How customers reach the utility, shown in the footer.</summary>
    public BrandingContact Contact { get; set; } = new();

    /// <summary>CSS colours only (<c>#0b5cad</c>, <c>rgb(11, 92, 173)</c>, <c>hsl(…)</c>): a value is written into a stylesheet, so nothing else passes.</summary>
    internal static bool IsColor(string value) => ColorPattern().IsMatch(value);

    [GeneratedRegex(@"^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\(\s*[0-9.,%\s/]+\))$")]
    private static partial Regex ColorPattern();
}

/// <summary>The colours of <c>/brand.css</c>; each one left empty keeps the portal's own.</summary>
public sealed class BrandingColors
{
    /// <summary><c>--brand</c>: header, links, buttons.</summary>
    public string? Primary { get; set; }

    /// <summary><c>--brand-dark</c>: the menu bar, hovered links and buttons.</summary>
    public string? PrimaryDark { get; set; }

    /// <summary><c>--focus</c>: the keyboard focus ring (keep it visible against <see cref="Primary"/>).</summary>
    public string? Focus { get; set; }

    /// <summary><c>--bg</c>: the page background.</summary>
    public string? Background { get; set; }

    /// <summary><c>--text</c>: body text.</summary>
    public string? Text { get; set; }

    internal IEnumerable<(string Name, string Property, string? Value)> All =>
    [
        (nameof(Primary), "--brand", Primary), (nameof(PrimaryDark), "--brand-dark", PrimaryDark), (nameof(Focus), "--focus", Focus),
        (nameof(Background), "--bg", Background), (nameof(Text), "--text", Text),
    ];
}

/// <summary>The utility's contact details for the footer; each one is shown when set.</summary>
public sealed class BrandingContact
{
    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    /// <summary>An absolute http(s) address.</summary>
    public string? Website { get; set; }
}
