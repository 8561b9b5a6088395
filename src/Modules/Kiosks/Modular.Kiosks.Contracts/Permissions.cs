using Modular.Core.Access;

namespace Modular.Kiosks.Contracts;

/// <summary>The Kiosks module's staff permissions (defaults per role; <c>Modular:Access:Roles</c> overrides them).</summary>
public static class KiosksPermissions
{
    /// <summary>See the kiosks, their status (last seen, entries pending on the device) and their days' reports.</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Read = "kiosks.read";

    /// <summary>Register kiosks, issue their device keys, retire them and close their days (the cash box emptied).</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string Manage = "kiosks.manage";
}
