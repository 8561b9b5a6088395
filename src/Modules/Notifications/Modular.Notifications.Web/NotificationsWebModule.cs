using Modular.Core.Composition;
using Modular.Notifications.Contracts;
using Modular.Notifications.Web.Endpoints;
using Modular.Web.Hooks;

namespace Modular.Notifications.Web;

/// <summary>
/// The Notifications pages of the customer portal (notification centre, preferences with phone verification), the
/// anonymous unsubscribe page, the SMS delivery webhook, and the back office's "notifications sent" section of the
/// customer page.
/// </summary>
public sealed class NotificationsWebModule : ModularWebModule
{
    protected override string ModuleName => "Notifications";

    protected override void ConfigureWeb(WebContributions web)
    {
        web.AddMenuEntry("/Notifications", "nav.notifications", 65)
            .AllowAnonymous("/Notifications/Unsubscribe")
            .AddToSlot<Staff.StaffNotifications>(Slots.StaffCustomer, 50, WebSurface.Staff)
            .MapEndpoints(routes => routes.MapDeliveryWebhook());
        // Outages: the public page (no sign-in), the dashboard's alert, the API and the back office's outage screens.
        web.AllowAnonymous("/Outages")
            .AddDashboardAlert<Outages.MyOutages>(15)
            .AddStaffMenuEntry("/staff/outages", "outages.staff.nav", 50, NotificationsPermissions.OutagesManage)
            .MapApi(Outages.OutagesApi.Map);

        // Two-way SMS: the provider's inbound webhook, signed like the delivery reports.
        web.MapEndpoints(routes => Inbound.InboundWebhook.MapInboundSmsWebhook(routes));
    }
}

public static class NotificationsWebModularBuilderExtensions
{
    /// <summary>Adds the Notifications pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddNotifications()</c>).</summary>
    public static ModularBuilder AddNotificationsWeb(this ModularBuilder modular) => modular.AddModule(new NotificationsWebModule());
}
