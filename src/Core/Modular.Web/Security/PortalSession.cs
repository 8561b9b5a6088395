using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Modular.Web.Localization;
using Modular.Web.Platform;
using NodaTime;

namespace Modular.Web.Security;

/// <summary>Starts, ends and checks portal sessions (cookie authentication); the sign-in page of a UI package starts them.</summary>
public static class PortalSession
{
    public const string CookieName = "modular.session";
    public const string SignedInAtClaim = "signed_in_at";
    public const string CultureClaim = "culture";

    public static async Task SignInAsync(HttpContext context, Guid userId, string email, string? culture)
    {
        var clock = context.RequestServices.GetRequiredService<IClock>();
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(ClaimTypes.Name, email),
            new(SignedInAtClaim, clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (PortalCultures.Normalize(culture) is { } preferred)
        {
            claims.Add(new Claim(CultureClaim, preferred));
            PortalCultures.Remember(context, preferred);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false });
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>Ends a session older than the absolute timeout, however active it was (the idle timeout is the cookie's sliding expiry).</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value;
        var clock = context.HttpContext.RequestServices.GetRequiredService<IClock>();
        var signedIn = context.Principal?.FindFirstValue(SignedInAtClaim);
        if (signedIn is null || !long.TryParse(signedIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || clock.GetCurrentInstant() - Instant.FromUnixTimeSeconds(seconds) > Duration.FromHours(options.AbsoluteTimeoutHours))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
