using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Modular.Core.Localization;
using Modular.Web.Hooks;
using Modular.Web.Localization;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// The kiosk session of a request: its id travels in an <c>HttpOnly</c>, <c>SameSite=Strict</c> cookie without an expiry
/// (gone with the browser), scoped to <c>/kiosk</c>; everything else stays on the server (<see cref="KioskSessions"/>).
/// </summary>
public static class KioskHttp
{
    public const string CookieName = "modular.kiosk";

    public const string PathBase = "/kiosk";

    private static readonly object Key = new();

    public static bool IsKioskPath(PathString path) => path.StartsWithSegments(PathBase, StringComparison.OrdinalIgnoreCase);

    /// <summary>The request's live session, or null (no cookie, an unknown or an expired one).</summary>
    public static KioskSession? Current(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(Key, out var cached))
        {
            return cached as KioskSession;
        }

        var session = context.Request.Cookies.TryGetValue(CookieName, out var raw) && Guid.TryParseExact(raw, "N", out var id)
            ? context.RequestServices.GetRequiredService<KioskSessions>().Find(id)
            : null;
        context.Items[Key] = session;
        return session;
    }

    /// <summary>The request's session, started (in the default language) when there is none.</summary>
    public static KioskSession Ensure(HttpContext context)
    {
        if (Current(context) is { } session)
        {
            return session;
        }

        var defaultCulture = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocalizationOptions>>().Value.DefaultCulture;
        session = context.RequestServices.GetRequiredService<KioskSessions>().Start(defaultCulture);
        context.Response.Cookies.Append(CookieName, session.Id.ToString("N"), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = PathBase,
        });
        context.Items[Key] = session;
        return session;
    }

    /// <summary>Ends the session on the server and in the browser.</summary>
    public static void End(HttpContext context)
    {
        if (Current(context) is { } session)
        {
            context.RequestServices.GetRequiredService<KioskSessions>().End(session.Id);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = PathBase, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps });
        context.Items[Key] = null;
    }

    /// <summary>The language of a kiosk page: the session's, else the utility's default (never the portal's cookie).</summary>
    internal static string CultureOf(HttpContext context) =>
        Current(context)?.Culture
        ?? context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocalizationOptions>>().Value.DefaultCulture;
}

/// <summary>
/// Around every kiosk page (its handler and its rendering): the session's language, and answers no browser keeps.
/// </summary>
internal sealed class KioskPageFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        if (!string.Equals(context.RouteData.Values["area"] as string, WebSurface.Kiosk.Area, StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }

        var http = context.HttpContext;
        var culture = CultureFormats.Regional(PortalCultures.Normalize(KioskHttp.CultureOf(http)) ?? "ro");
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        try
        {
            await next();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
