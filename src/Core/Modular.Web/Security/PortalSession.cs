using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Modular.Web.Localization;
using Modular.Core.Access;
using NodaTime;

namespace Modular.Web.Security;

/// <summary>Starts, ends and checks portal sessions (cookie authentication); the sign-in page of a UI package starts them.</summary>
public static class PortalSession
{
    public const string CookieName = "modular.session";
    public const string SignedInAtClaim = "signed_in_at";
    public const string CultureClaim = "culture";
    public const string SessionIdClaim = "sid";

    /// <summary>The server-side session's secret; the cookie is encrypted, so it never leaves the server readable.</summary>
    internal const string SessionSecretClaim = "session_secret";

    /// <summary>Signs in without a server-side session: for hosts without one (a shell without Accounts, test hosts).</summary>
    public static Task SignInAsync(HttpContext context, Guid userId, string email, string? culture) =>
        SignInAsync(context, userId, email, culture, null, null);

    /// <summary>
    /// Signs in with the server-side session the log-in started: every request then checks it (<see cref="IServerSessions"/>),
    /// so ending it (log-out, a password change, the profile's session list) signs out every copy of the cookie.
    /// </summary>
    public static async Task SignInAsync(HttpContext context, Guid userId, string email, string? culture, Guid? sessionId, string? sessionSecret)
    {
        var clock = context.RequestServices.GetRequiredService<IClock>();
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(ClaimTypes.Name, email),
            new(SignedInAtClaim, clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (sessionId is { } id && !string.IsNullOrEmpty(sessionSecret))
        {
            claims.Add(new Claim(SessionIdClaim, id.ToString()));
            claims.Add(new Claim(SessionSecretClaim, sessionSecret));
        }

        if (PortalCultures.Normalize(culture) is { } preferred)
        {
            claims.Add(new Claim(CultureClaim, preferred));
            PortalCultures.Remember(context, preferred);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Ends the server-side session (when there is one) and drops the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(SessionIdClaim) is not null && context.RequestServices.GetService<IServerSessions>() is { } sessions)
        {
            await sessions.EndCurrentAsync(context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Ends a session older than the absolute timeout, however active it was (the idle timeout is the cookie's sliding
    /// expiry), and one whose server-side session was ended or expired. The server-side check runs on every request,
    /// uncached: a session ended on one instance is refused by every instance on the next request.
    /// </summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<SessionTimeouts>>().Value;
        var clock = services.GetRequiredService<IClock>();
        var signedIn = context.Principal?.FindFirstValue(SignedInAtClaim);
        var valid = signedIn is not null && long.TryParse(signedIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && clock.GetCurrentInstant() - Instant.FromUnixTimeSeconds(seconds) <= options.CustomerAbsolute
            && await ServerSessionIsActiveAsync(context, services);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static async Task<bool> ServerSessionIsActiveAsync(CookieValidatePrincipalContext context, IServiceProvider services)
    {
        var principal = context.Principal!;
        var sessionClaim = principal.FindFirstValue(SessionIdClaim);
        if (sessionClaim is null)
        {
            // A cookie signed in without a session (hosts without server-side sessions); the log-in page always starts one.
            return true;
        }

        return services.GetService<IServerSessions>() is { } sessions
            && Guid.TryParse(sessionClaim, out var sessionId)
            && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && principal.FindFirstValue(SessionSecretClaim) is { } secret
            && await sessions.IsActiveAsync(sessionId, secret, userId, context.HttpContext.RequestAborted);
    }
}
