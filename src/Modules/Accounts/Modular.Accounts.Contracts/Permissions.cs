using Modular.Core.Access;

namespace Modular.Accounts.Contracts;

/// <summary>The Accounts module's staff permissions (defaults per role; <c>Modular:Access:Roles</c> overrides them).</summary>
public static class AccountsPermissions
{
    /// <summary>Look customers and contracts up.</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string CustomersRead = "accounts.customers.read";

    /// <summary>Act on behalf of a customer in the back office (a reason required; audited with both identities).</summary>
    [StaffPermission(StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string ActOnBehalf = "accounts.customers.act";

    /// <summary>Import the customer directory.</summary>
    [StaffPermission]
    public const string CustomersImport = "accounts.customers.import";

    /// <summary>Create, disable and change staff accounts, reset their second factor.</summary>
    [StaffPermission]
    public const string StaffManage = "accounts.staff.manage";

    /// <summary>See colleagues' display names (who took money, who acted), nothing else of their accounts.</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string StaffNames = "accounts.staff.names";
}
