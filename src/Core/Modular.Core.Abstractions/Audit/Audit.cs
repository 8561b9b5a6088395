using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Core.Audit;

/// <summary>
/// A security event for the audit trail: what happened (e.g. <c>security.login_failed</c>), its outcome code, and the
/// account it concerns when that is not the caller (a log-in names the user it tried). Never a password, token or code.
/// </summary>
/// <param name="Action">A stable name, <c>security.*</c> for security events.</param>
/// <param name="Outcome"><c>ok</c>, or the error code that refused it.</param>
/// <param name="SubjectId">The user or staff member the event is about (log-in, password change, session ended).</param>
/// <param name="CustomerId">The customer concerned, when one is.</param>
public sealed record AuditEvent(string Action, string Outcome = AuditOutcomes.Ok, Guid? SubjectId = null, Guid? CustomerId = null);

public static class AuditOutcomes
{
    public const string Ok = "ok";

    /// <summary>The command threw: its changes were rolled back.</summary>
    public const string Failed = "core.failed";
}

/// <summary>Security event names the modules record.</summary>
public static class SecurityEvents
{
    public const string LoginSucceeded = "security.login_succeeded";
    public const string LoginFailed = "security.login_failed";
    public const string SecondFactorSucceeded = "security.second_factor_succeeded";
    public const string SecondFactorFailed = "security.second_factor_failed";
    public const string RecoveryCodeUsed = "security.recovery_code_used";
    public const string PasswordChanged = "security.password_changed";
    public const string PasswordReset = "security.password_reset";
    public const string EmailChanged = "security.email_changed";
    public const string TokenCreated = "security.token_created";
    public const string TokenRevoked = "security.token_revoked";
    public const string SessionEnded = "security.session_ended";
    public const string StaffCreated = "security.staff_created";
    public const string StaffDisabled = "security.staff_disabled";
    public const string StaffRolesChanged = "security.staff_roles_changed";
    public const string SecondFactorReset = "security.second_factor_reset";

    /// <summary>A proof of a client code (registration, linking, a kiosk look-up): outcome ok, wrong, or refused by the back-off.</summary>
    public const string ProofCheck = "security.proof_check";
}

/// <summary>
/// Writes to the append-only audit trail with the current caller's identities, channel and client address. Commands sent
/// by staff and kiosk sessions are recorded by Core itself; modules and hosts record security events here.
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// Records with the current command's changes: committed in the same transaction, gone if the command fails (e.g.
    /// "password changed"). Outside a command it waits for <see cref="FlushAsync"/>.
    /// </summary>
    void Record(AuditEvent auditEvent);

    /// <summary>
    /// Records whatever the current command's outcome (a failed log-in, a wrong second-factor code): written when the
    /// command has committed or rolled back. Outside a command it waits for <see cref="FlushAsync"/>.
    /// </summary>
    void RecordAttempt(AuditEvent auditEvent);

    /// <summary>Writes what was recorded outside a command (hosts recording token events call it after recording).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}

public enum AuditCategory
{
    /// <summary>A command sent by staff, a kiosk session, or staff on behalf of a customer.</summary>
    Command,

    /// <summary>Log-ins, second factor, password and email changes, tokens, sessions.</summary>
    Security,
}

/// <summary>One row of the audit trail.</summary>
/// <param name="Action">The request's name (<c>Payments.RecordCounterPayment</c>) or the security event.</param>
/// <param name="Ids">The ids the request named (<c>PaymentId=…</c>), never its other content.</param>
public sealed record AuditEntryView(
    Guid Id,
    Instant At,
    AuditCategory Category,
    string Action,
    string Outcome,
    CallerKind CallerKind,
    Channel Channel,
    Guid? StaffId,
    Guid? UserId,
    Guid? CustomerId,
    Guid? SubjectId,
    Guid? SessionId,
    string? ClientAddress,
    string? Ids);

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, int Page, int PageSize, int Total);

/// <summary>
/// The audit trail newest first, filtered by customer, staff member (what they did and what concerned them) and/or
/// portal user, and a time range. For the back office.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = CorePermissions.AuditRead)]
public sealed record GetAuditTrail(Guid? CustomerId = null, Guid? StaffId = null, Guid? UserId = null, Instant? From = null, Instant? To = null,
    int Page = 1, int PageSize = 50) : IQuery<AuditPage>;

public sealed record AuditExport(string FileName, string Content);

/// <summary>The same filter as <see cref="GetAuditTrail"/> as a CSV file (at most the newest 100,000 rows).</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = CorePermissions.AuditRead)]
public sealed record ExportAuditTrail(Guid? CustomerId = null, Guid? StaffId = null, Guid? UserId = null, Instant? From = null, Instant? To = null)
    : IQuery<AuditExport>;

/// <summary>Deletes entries older than <c>Modular:Audit:RetentionDays</c>; answers how many. The only way rows leave the trail.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = CorePermissions.AuditPurge)]
public sealed record PurgeAuditTrail : ICommand<int>;
