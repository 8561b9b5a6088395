using Microsoft.Extensions.Options;
using Modular.Core.Localization;
using Modular.Web.Api;
using Modular.Web.Branding;
using Modular.Web.Composition;
using Modular.Web.Hooks;
using Modular.Web.Localization;
using Modular.Web.Security;

namespace Modular.Web;

/// <summary>The web shell's request pipeline.</summary>
public static class WebPipeline
{
    /// <summary>
    /// The shell's middleware (forwarded headers, error pages and problem details, security headers, static files,
    /// rate limiting, sessions, languages) and every surface's pages, API and modules' endpoints.
    /// </summary>
    public static WebApplication UseModularWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        EmbeddedAssets.AddTo(app.Environment, app.Services.GetServices<WebPackage>().Select(p => p.Assembly));
        app.UsePortalForwardedHeaders();

        // The API answers failures as problem details; pages get the portal's error page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ApiProblemCodes.StatusOf });
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseExceptionHandler("/Error"));
        app.UseBusyAnswers();
        app.UseHsts();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseNoStore();
        app.UseUnservedSurfacesNotFound();
        app.UseNulSafeForms();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        var localization = app.Services.GetRequiredService<IOptions<LocalizationOptions>>().Value;
        app.UseRequestLocalization(PortalCultures.Options(localization.DefaultCulture));
        app.UseAuthorization();

        app.MapRazorPages();
        app.MapPortalApi();
        foreach (var entry in app.Services.GetServices<EndpointsEntry>())
        {
            entry.Map(app);
        }

        app.MapBranding();
        return app;
    }

    /// <summary>A surface no package serves (no <see cref="ServedSurface"/>) has no pages, whatever UI packages brought some.</summary>
    private static void UseUnservedSurfacesNotFound(this WebApplication app)
    {
        var served = app.Services.GetServices<ServedSurface>().Select(s => s.Surface).ToHashSet();
        var unserved = new[] { WebSurface.Staff, WebSurface.Kiosk }.Where(s => !served.Contains(s)).Select(s => new PathString(s.PathBase)).ToList();
        if (unserved.Count > 0)
        {
            app.Use((context, next) =>
            {
                if (unserved.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }
    }
}
