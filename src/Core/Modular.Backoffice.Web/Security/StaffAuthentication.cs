using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Modular.Web.Security;
using NodaTime;

namespace Modular.Backoffice.Web.Security;

/// <summary>
/// The back office's own authentication scheme: a cookie named <c>modular.staff</c> (<c>__Secure-</c> over HTTPS), Path
/// <c>/staff</c>, HttpOnly, Secure, SameSite=Strict, holding a server-side staff session that is checked on every request.
/// Requests under <c>/staff</c> authenticate with it only; every other path with the portal's schemes only, so neither
/// side's credentials ever reach the other.
/// </summary>
public static class StaffAuthentication
{
    public const string Scheme = "Staff";
    public const string Policy = "staff";
    public const string CookieName = "modular.staff";
    public const string PathBase = "/staff";

    /// <summary>The scheme the default authentication forwards to, by path (<c>/staff</c> or not).</summary>
    internal const string SurfaceScheme = "Surface";

    internal const string SessionIdClaim = "sid";
    internal const string SessionSecretClaim = "session_secret";
    internal const string DisplayNameClaim = "display_name";
    internal const string ActingForClaim = "acting_for";

    /// <summary>The session's state as validated for this request (roles, the customer acted for); set by the cookie check.</summary>
    internal const string StateItem = "modular.staff.session";

    internal static void Add(IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.Path = PathBase;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.CookieManager = new StaffCookieManager();
                o.LoginPath = PathBase + "/Login";
                o.LogoutPath = PathBase + "/Logout";
                o.AccessDeniedPath = PathBase + "/Denied";
                o.ReturnUrlParameter = "returnUrl";
                // The session's own idle and absolute timeouts (Modular:Sessions:Staff*) are checked server-side on
                // every request; the cookie ends with the browser and never outlives the session's absolute timeout.
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = ValidateAsync;
            })
            .AddPolicyScheme(SurfaceScheme, SurfaceScheme, o => o.ForwardDefaultSelector = context =>
                IsStaffPath(context.Request.Path) ? Scheme : context.RequestServices.GetRequiredService<PortalDefault>().Scheme);
        services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IClock>((o, clock) => o.TimeProvider = new ClockTime(clock));

        // Requests under /staff authenticate with the staff scheme only; the portal keeps its own default elsewhere.
        services.AddSingleton<PortalDefault>();
        services.AddOptions<AuthenticationOptions>().PostConfigure<PortalDefault>((o, portal) =>
        {
            portal.Scheme = o.DefaultAuthenticateScheme ?? o.DefaultScheme ?? CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultAuthenticateScheme = SurfaceScheme;
        });
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .RequireClaim(SessionIdClaim)));
    }

    /// <summary>The portal's default scheme, which the surface scheme forwards to outside <c>/staff</c>.</summary>
    private sealed class PortalDefault
    {
        public string Scheme { get; set; } = CookieAuthenticationDefaults.AuthenticationScheme;
    }

    internal static bool IsStaffPath(PathString path) => path.StartsWithSegments(PathBase, StringComparison.OrdinalIgnoreCase);

    /// <summary>Signs in with a started staff session; the session id and secret travel in the encrypted cookie only.</summary>
    public static Task SignInAsync(HttpContext context, StaffSessionStarted session)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, session.StaffId.ToString()),
            new Claim(ClaimTypes.Name, session.Email),
            new Claim(DisplayNameClaim, session.DisplayName),
            new Claim(SessionIdClaim, session.SessionId.ToString()),
            new Claim(SessionSecretClaim, session.Secret),
        ], Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = session.ExpiresAt.ToDateTimeOffset(), AllowRefresh = false });
    }

    /// <summary>Ends the server-side session, then drops the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.AuthenticationType == Scheme && context.RequestServices.GetService<IStaffSessions>() is { } sessions)
        {
            await sessions.EndCurrentAsync(context.RequestAborted);
        }

        await context.SignOutAsync(Scheme);
    }

    /// <summary>The staff session's state as checked for this request, when a staff member is signed in.</summary>
    public static StaffSessionState? Current(HttpContext context) => context.Items[StateItem] as StaffSessionState;

    /// <summary>
    /// Every request: the server-side session must still be active (not logged out, not idle or past its absolute timeout,
    /// the account not disabled). Roles and the customer acted for are read fresh, so changes apply on the next request.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessions = context.HttpContext.RequestServices.GetService<IStaffSessions>();
        StaffSessionState? state = null;
        if (sessions is not null
            && Guid.TryParse(principal?.FindFirstValue(SessionIdClaim), out var sessionId)
            && Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var staffId)
            && principal?.FindFirstValue(SessionSecretClaim) is { } secret)
        {
            state = await sessions.ValidateAsync(sessionId, staffId, secret, context.HttpContext.RequestAborted);
        }

        if (state is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        var identity = new ClaimsIdentity(principal!.Claims.Where(c => c.Type != ClaimTypes.Role && c.Type != ActingForClaim), Scheme);
        identity.AddClaims(state.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (state.ActingFor is { } acting)
        {
            identity.AddClaim(new Claim(ActingForClaim, acting.CustomerId.ToString()));
        }

        context.ReplacePrincipal(new ClaimsPrincipal(identity));
        context.HttpContext.Items[StateItem] = state;
    }

    /// <summary>Cookie expiry follows the same (testable) clock as the modules.</summary>
    private sealed class ClockTime(IClock clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
    }
}

/// <summary>
/// The <c>__Secure-</c> prefix over HTTPS: the browser then keeps the cookie only when it is Secure (the portal's
/// <c>__Host-</c> needs Path=/, which the staff cookie must not have).
/// </summary>
internal sealed class StaffCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    private static string NameFor(HttpContext context, string key) => context.Request.IsHttps ? "__Secure-" + key : key;

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, NameFor(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, NameFor(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        _inner.DeleteCookie(context, NameFor(context, key), options);
}
