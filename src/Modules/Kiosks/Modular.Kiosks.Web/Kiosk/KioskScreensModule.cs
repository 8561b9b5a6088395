using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Composition;
using Modular.Web;
using Modular.Web.Hooks;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// The kiosk's screens (<c>.AddKioskScreens()</c> after <c>.AddKioskDevice()</c>): the kiosk surface under <c>/kiosk</c>
/// (Razor Pages area <c>kiosk</c>) with its own layout, short server-side customer sessions whose caller is
/// <see cref="Modular.Core.Access.Caller.KioskSession"/>, and a host that shows nothing else (<c>/</c> goes to the kiosk,
/// the portal's pages answer 404).
/// </summary>
public sealed class KioskScreensModule : ModularWebModule
{
    public const string Area = "kiosk";

    protected override string ModuleName => "KioskDevice";

    public override string Name => "KioskScreens";

    protected override void ConfigureWeb(WebContributions web)
    {
        var services = web.Services;
        services.AddOptions<KioskScreenOptions>().BindConfiguration(KioskScreenOptions.Section)
            .Validate(o => o.MaxCash > 0m && o.MaxCard > 0m && o.InactivitySeconds >= 5 && o.WarningSeconds >= 5 && o.SessionMinutes >= 1 && o.LookupAttempts >= 1 && o.LookupBaseSeconds >= 1 && o.LookupMaxSeconds >= o.LookupBaseSeconds,
                "Modular:Kiosk: MaxCash and MaxCard must be positive, InactivitySeconds and WarningSeconds at least 5, SessionMinutes at least 1, LookupAttempts and LookupBaseSeconds at least 1, LookupMaxSeconds not below LookupBaseSeconds.");
        services.AddSingleton<KioskSessions>();
        services.AddScoped<KioskPayments>();
        KioskCurrentUser.Decorate(services);
        services.AddSingleton<IStartupFilter, KioskStartup>();
        services.AddSingleton(new ServedSurface(WebSurface.Kiosk));
        services.Configure<MvcOptions>(o => o.Filters.Add<KioskPageFilter>());
        web.ConfigurePages(o => o.Conventions.AllowAnonymousToAreaFolder(Area, "/"));
    }
}

public static class KioskScreensModularBuilderExtensions
{
    /// <summary>Serves the kiosk's screens at <c>/kiosk</c> (needs <c>.AddWeb()</c> and <c>.AddKioskDevice()</c>); the host then shows only the kiosk.</summary>
    public static ModularBuilder AddKioskScreens(this ModularBuilder modular) => modular.AddModule(new KioskScreensModule());
}
