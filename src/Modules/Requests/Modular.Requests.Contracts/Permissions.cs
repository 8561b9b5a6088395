using Modular.Core.Access;

namespace Modular.Requests.Contracts;

/// <summary>The Requests module's staff permissions (defaults per role; <c>Modular:Access:Roles</c> overrides them).</summary>
public static class RequestsPermissions
{
    /// <summary>See customers' requests, their threads and attachments (the inbox, the customer page's section).</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Read = "requests.read";

    /// <summary>Work on requests: answer the customer, write internal notes, change the status, enter a request on the customer's behalf.</summary>
    [StaffPermission(StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Handle = "requests.handle";

    /// <summary>Give a request to a staff member (or take it back).</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string Assign = "requests.assign";

    /// <summary>See inspection acts, their readings and signed documents (the acts list, an act's page, the customer page's section).</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string ActsRead = "acts.read";

    /// <summary>Register inspection acts by hand and import them from the field system's CSV.</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string ActsManage = "acts.manage";
}
