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
}
