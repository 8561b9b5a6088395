using Modular.Core.Access;

namespace Modular.Readings.Contracts;

/// <summary>The Readings module's staff permissions (defaults per role; <c>Modular:Access:Roles</c> overrides them).</summary>
public static class ReadingsPermissions
{
    /// <summary>See meters, windows, readings and consumption.</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Read = "readings.read";

    /// <summary>Submit a customer's reading on their behalf (phone, counter).</summary>
    [StaffPermission(StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Submit = "readings.submit";

    /// <summary>Register and replace meters, open or close them to self-reading.</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string MetersManage = "readings.meters.manage";

    /// <summary>Import field readers' readings.</summary>
    [StaffPermission]
    public const string Import = "readings.import";
}
