using Microsoft.Extensions.Options;
using Modular.Core.Localization;
using Modular.Payments.Gateway;
using Modular.Web.Api;
using Modular.Web.Localization;
using Modular.Web.Platform;
using Modular.Web.Security;

namespace Modular.Web.Composition;

public static class PortalPipeline
{
    public static WebApplication UsePortal(this WebApplication app)
    {
        EmbeddedAssets.AddTo(app.Environment, [typeof(PortalPipeline).Assembly]);
        app.UsePortalForwardedHeaders();

        // The API answers failures as problem details; pages get the portal's error page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseExceptionHandler("/Error"));
        app.UseHsts();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        var localization = app.Services.GetRequiredService<IOptions<LocalizationOptions>>().Value;
        app.UseRequestLocalization(PortalCultures.Options(localization.DefaultCulture));
        app.UseAuthorization();

        app.MapHealthChecks("/health");
        app.MapRazorPages();
        app.MapPortalApi();
        app.MapModularPayments();
        app.MapGet("/brand.css", (IOptions<WebOptions> options) => options.Value.Branding.Stylesheet is { } css
            ? Results.File(Path.GetFullPath(css), "text/css")
            : Results.Text(string.Empty, "text/css")).AllowAnonymous();
        return app;
    }
}
