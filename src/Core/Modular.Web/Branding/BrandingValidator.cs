using Microsoft.Extensions.Options;
using Modular.Core.Localization;
using Modular.Web.Platform;

namespace Modular.Web.Branding;

/// <summary>Checks <c>Modular:Web:Branding</c> at start: files and folders exist, colours are colours, the website is an address.</summary>
internal sealed class BrandingValidator(IHostEnvironment environment) : IValidateOptions<WebOptions>
{
    private const string Section = "Modular:Web:Branding:";

    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var branding = options.Branding;
        var errors = new List<string>();
        string Full(string path) => Path.GetFullPath(path, environment.ContentRootPath);

        if (string.IsNullOrWhiteSpace(branding.Name))
        {
            errors.Add(Section + "Name: the utility's name is required.");
        }

        if (branding.Logo is { } logo && !(File.Exists(Full(logo)) && PortalBranding.ContentTypeOf(logo).StartsWith("image/", StringComparison.Ordinal)))
        {
            errors.Add($"{Section}Logo: '{Full(logo)}' is not an svg, png, jpg or webp file that exists.");
        }

        if (branding.Stylesheet is { } css && !File.Exists(Full(css)))
        {
            errors.Add($"{Section}Stylesheet: '{Full(css)}' does not exist.");
        }

        if (branding.Directory is { } folder && !Directory.Exists(Full(folder)))
        {
            errors.Add($"{Section}Directory: the folder '{Full(folder)}' does not exist.");
        }

        foreach (var (key, _, value) in branding.Colors.All.Where(c => !string.IsNullOrWhiteSpace(c.Value) && !BrandingOptions.IsColor(c.Value!.Trim())))
        {
            errors.Add($"{Section}Colors:{key}: '{value}' is not a CSS colour such as #0b5cad or rgb(11, 92, 173).");
        }

        foreach (var culture in branding.Footer.Keys.Where(c => !LocalizationOptions.Supported.Contains(c)))
        {
            errors.Add($"{Section}Footer:{culture}: not one of the portal's languages ({string.Join(", ", LocalizationOptions.Supported)}).");
        }

        if (branding.Contact.Website is { } site
            && !(Uri.TryCreate(site, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add($"{Section}Contact:Website: '{site}' is not an absolute http(s) address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
