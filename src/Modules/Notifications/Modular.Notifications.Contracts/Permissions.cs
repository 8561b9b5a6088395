using Modular.Core.Access;

namespace Modular.Notifications.Contracts;

/// <summary>The Notifications module's staff permissions (defaults per role; <c>Modular:Access:Roles</c> overrides them).</summary>
public static class NotificationsPermissions
{
    /// <summary>See what was sent to a customer's users, when, on which channel and its delivery status (the customer page's section).</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Read = "notifications.read";

    /// <summary>Record outages (planned works and breakdowns) with their area, update them and end them (the back office's outage screens).</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string OutagesManage = "outages.manage";
}
