using Modular.Core.Access;

namespace Modular.Payments.Contracts;

/// <summary>The Payments module's staff permissions (defaults per role; <c>Modular:Access:Roles</c> overrides them).</summary>
public static class PaymentsPermissions
{
    /// <summary>See payments and receipts.</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.CustomerService, StaffRoles.Supervisor)]
    public const string Read = "payments.read";

    /// <summary>Take money at a collection centre's counter.</summary>
    [StaffPermission(StaffRoles.Cashier, StaffRoles.Supervisor)]
    public const string Counter = "payments.counter";

    /// <summary>
    /// Approve (or refuse) a cashier's request to cancel a counter payment taken the same day: a second person, never the
    /// one who asked.
    /// </summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string CounterApprove = "payments.counter.approve";

    /// <summary>Refund a settled payment.</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string Refund = "payments.refund";

    /// <summary>See unmatched money and assign it to a customer.</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string Suspense = "payments.suspense";

    /// <summary>Import partner files and bank statements.</summary>
    [StaffPermission]
    public const string Import = "payments.import";
}
