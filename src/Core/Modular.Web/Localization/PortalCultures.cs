using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using Modular.Core.Localization;

namespace Modular.Web.Localization;

/// <summary>The portal's languages and how a request's language is chosen: the cookie, then the user's preference, then the browser.</summary>
public static class PortalCultures
{
    public const string CookieName = "modular.lang";

    public static IReadOnlyList<string> Supported => LocalizationOptions.Supported;

    /// <summary>Each language by its own name, as the switcher and the profile offer them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Names { get; } =
        [new("ro", "Română"), new("en", "English"), new("lv", "Latviešu")];

    public static string? Normalize(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return null;
        }

        var two = culture.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(two) ? two : null;
    }

    /// <summary>Remembers the choice for a year (not a secret, readable by the server only).</summary>
    public static void Remember(HttpContext context, string culture) =>
        context.Response.Cookies.Append(CookieName, culture, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            Path = "/",
        });

    internal static RequestLocalizationOptions Options(string defaultCulture)
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(defaultCulture),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        options.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(c => Task.FromResult(Result(c.Request.Cookies[CookieName]))),
            new CustomRequestCultureProvider(c => Task.FromResult(Result(c.User.FindFirstValue(Security.PortalSession.CultureClaim)))),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    private static ProviderCultureResult? Result(string? value) => Normalize(value) is { } culture ? new ProviderCultureResult(culture) : null;
}
