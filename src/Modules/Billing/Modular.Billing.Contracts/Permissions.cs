using Modular.Core.Access;

namespace Modular.Billing.Contracts;

/// <summary>The Billing module's staff permissions (defaults per role; <c>Modular:Access:Roles</c> overrides them).</summary>
public static class BillingPermissions
{
    /// <summary>See invoices, balances, documents, history and tariffs.</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Read = "billing.read";

    /// <summary>Add tariffs.</summary>
    [StaffPermission]
    public const string Tariffs = "billing.tariffs.manage";

    /// <summary>Run billing for a period and mark overdue invoices.</summary>
    [StaffPermission]
    public const string Runs = "billing.runs";

    /// <summary>Import invoices issued by the ERP.</summary>
    [StaffPermission]
    public const string Import = "billing.import";
}
