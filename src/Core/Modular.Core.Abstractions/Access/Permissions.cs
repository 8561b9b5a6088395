namespace Modular.Core.Access;

/// <summary>The caller kinds a request may come from (see <see cref="AllowedCallersAttribute"/>).</summary>
[Flags]
public enum Callers
{
    None = 0,
    Anonymous = 1,
    Customer = 2,
    KioskSession = 4,
    Staff = 8,
    System = 16,

    /// <summary>Every kind: requests that carry their own proof (credentials, a token from an email link).</summary>
    Anyone = Anonymous | Customer | KioskSession | Staff | System,
}

/// <summary>
/// Declares, on a request in a Contracts package, who may send it. Core's access behavior enforces it before validation
/// and answers <c>core.forbidden</c> otherwise; a request without this attribute is refused for everyone.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedCallersAttribute(Callers callers) : Attribute
{
    public Callers Callers { get; } = callers;

    /// <summary>
    /// When <see cref="Callers"/> includes <see cref="Callers.Staff"/>: the permission a staff member's roles must grant
    /// (a constant marked <see cref="StaffPermissionAttribute"/>). Null lets any staff member send it (their own account).
    /// </summary>
    public string? StaffPermission { get; init; }
}

/// <summary>The staff roles every utility has; permissions per role are configuration (<c>Modular:Access:Roles:{role}</c>).</summary>
public static class StaffRoles
{
    public const string Cashier = "cashier";
    public const string CustomerService = "customer-service";
    public const string Supervisor = "supervisor";

    /// <summary>Gets every permission unless configuration says otherwise.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [Cashier, CustomerService, Supervisor, Administrator];
}

/// <summary>
/// Marks a <c>const string</c> field as a staff permission and names the roles that get it by default (the administrator
/// always does). A module registers its permission classes, so the host knows every permission and validates the
/// configured roles against them.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class StaffPermissionAttribute(params string[] defaultRoles) : Attribute
{
    public IReadOnlyList<string> DefaultRoles { get; } = defaultRoles;
}

/// <summary>Core's own permissions (the audit trail, schedules, the outbox).</summary>
public static class CorePermissions
{
    /// <summary>See how the host's mechanisms run: scheduled jobs and their last runs, the outbox and its dead letters.</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string OperationsRead = "core.operations.read";

    /// <summary>Read and export the audit trail.</summary>
    [StaffPermission(StaffRoles.Supervisor)]
    public const string AuditRead = "core.audit.read";

    /// <summary>Purge audit entries older than the retention time.</summary>
    [StaffPermission]
    public const string AuditPurge = "core.audit.purge";
}
