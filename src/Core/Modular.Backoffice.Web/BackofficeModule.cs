using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Modular.Backoffice.Web.Security;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Web;
using Modular.Web.Hooks;

namespace Modular.Backoffice.Web;

/// <summary>
/// The staff back office (<c>.AddBackoffice()</c> after <c>.AddWeb()</c>): pages under <c>/staff</c> (Razor Pages area
/// <c>staff</c>) with their own sign-in scheme and cookie, a menu filtered by the staff member's permissions, acting on
/// behalf of a customer, the outbox's dead letters and the audit trail. Modules' UI packages add their staff screens
/// (pages in the area, <see cref="WebContributions.AddStaffMenuEntry"/>, <see cref="Slots.StaffCustomer"/>). The staff
/// sessions themselves come from the module that keeps staff accounts (<c>.AddAccountsWeb()</c> implements
/// <see cref="Modular.Web.Security.IStaffSessions"/>).
/// </summary>
public sealed class BackofficeModule : ModularWebModule
{
    public const string Area = "staff";

    protected override string ModuleName => WebModule.ModuleName;

    public override string Name => "Backoffice";

    public override IReadOnlyCollection<string> DependsOn => [WebModule.ModuleName];

    protected override void ConfigureWeb(WebContributions web)
    {
        var services = web.Services;
        services.AddOptions<BackofficeOptions>().BindConfiguration(BackofficeOptions.Section);
        StaffAuthentication.Add(services);
        StaffCurrentUser.Decorate(services);
        services.AddSingleton<IStartupFilter, BackofficeStartup>();
        services.AddSingleton(new ServedSurface(WebSurface.Staff));
        services.Configure<MvcOptions>(o => o.Filters.Add<StaffPermissionFilter>());
        web.ConfigurePages(o =>
            {
                o.Conventions.AuthorizeAreaFolder(Area, "/", StaffAuthentication.Policy);
                o.Conventions.AllowAnonymousToAreaPage(Area, "/Login");
                o.Conventions.AllowAnonymousToAreaPage(Area, "/Logout");
                o.Conventions.AllowAnonymousToAreaPage(Area, "/Language");
                // The same per-address throttle as the portal's credential pages (the shell's "credentials" policy).
                o.Conventions.AddAreaPageApplicationModelConvention(Area, "/Login", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute("credentials")));
            })
            .AddStaffMenuEntry("/staff/operations/dead-letters", "staff.nav.dead_letters", 80, CorePermissions.OperationsRead)
            .AddStaffMenuEntry("/staff/audit", "staff.nav.audit", 90, CorePermissions.AuditRead);
        web.AddMenuEntry("/staff", "staff.nav.home", 0, WebSurface.Staff);
    }
}

/// <summary><c>Modular:Backoffice</c>.</summary>
public sealed class BackofficeOptions
{
    public const string Section = "Modular:Backoffice";

    /// <summary>
    /// Serve only the back office: every other page of the host answers 404 (health, static files and the language switch
    /// stay). For a separate host on the utility's internal network, so the customer portal is not exposed there.
    /// </summary>
    public bool StaffOnly { get; set; }
}

public static class BackofficeModularBuilderExtensions
{
    /// <summary>Adds the staff back office under <c>/staff</c> (needs <c>.AddWeb()</c>; staff sign-in needs <c>.AddAccountsWeb()</c>).</summary>
    public static ModularBuilder AddBackoffice(this ModularBuilder modular) => modular.AddModule(new BackofficeModule());
}
