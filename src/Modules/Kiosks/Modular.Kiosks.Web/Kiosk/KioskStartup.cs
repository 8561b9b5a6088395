using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// Runs before the shell's pipeline of a kiosk host: <c>/</c> goes to <c>/kiosk</c>, <c>/Kiosk/…</c> typed in another case
/// to <c>/kiosk/…</c> (the session cookie's path is case-sensitive), and every other page answers 404 – a kiosk shows
/// nothing of the portal (health, static files, branding and the error page stay).
/// </summary>
internal sealed class KioskStartup : IStartupFilter
{
    private static readonly string[] SharedPaths = ["/health", "/css", "/js", "/img", "/brand", "/brand.css", "/Error", "/favicon.ico"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var path = context.Request.Path;
            if (KioskHttp.IsKioskPath(path))
            {
                if (!path.StartsWithSegments(KioskHttp.PathBase, StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method))
                {
                    context.Response.Redirect(KioskHttp.PathBase + path.Value![KioskHttp.PathBase.Length..]);
                    return Task.CompletedTask;
                }

                return nextMiddleware(context);
            }

            if (path == "/" || !path.HasValue)
            {
                context.Response.Redirect(KioskHttp.PathBase);
                return Task.CompletedTask;
            }

            if (!SharedPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
