using Modular.Core.Access;

namespace Modular.Requests.Contracts;

/// <summary>The Requests module's staff permissions (defaults per role; <c>Modular:Access:Roles</c> overrides them).</summary>
public static class RequestsPermissions
{
    /// <summary>See customers' requests, their threads and attachments (the inbox, the customer page's section).</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Read = "requests.read";
}
