using Modular.Core.Composition;
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
    }
}

public static class NotificationsWebModularBuilderExtensions
{
    /// <summary>Adds the Notifications pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddNotifications()</c>).</summary>
    public static ModularBuilder AddNotificationsWeb(this ModularBuilder modular) => modular.AddModule(new NotificationsWebModule());
}
