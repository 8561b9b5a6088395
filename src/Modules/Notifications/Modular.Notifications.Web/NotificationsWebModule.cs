using Modular.Core.Composition;
using Modular.Notifications.Contracts;
using Modular.Web.Hooks;

namespace Modular.Notifications.Web;

/// <summary>
/// The Notifications pages of the customer portal (notification centre, preferences), the unsubscribe link, the SMS
/// delivery webhook, the notifications API, and the back office's "notifications sent" section of the customer page.
/// </summary>
public sealed class NotificationsWebModule : ModularWebModule
{
    protected override string ModuleName => "Notifications";

    protected override void ConfigureWeb(WebContributions web)
    {
        // Outages: the public page (no sign-in), the dashboard's alert, the API and the back office's outage screens.
        web.AllowAnonymous("/Outages")
            .AddDashboardAlert<Outages.MyOutages>(15)
            .AddStaffMenuEntry("/staff/outages", "outages.staff.nav", 50, NotificationsPermissions.OutagesManage)
            .MapApi(Outages.OutagesApi.Map);
    }
}

public static class NotificationsWebModularBuilderExtensions
{
    /// <summary>Adds the Notifications pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddNotifications()</c>).</summary>
    public static ModularBuilder AddNotificationsWeb(this ModularBuilder modular) => modular.AddModule(new NotificationsWebModule());
}
