using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Billing.Contracts;

/// <summary>
/// Issues the invoices of a period for every contract (system of record mode). Idempotent: contracts already invoiced
/// for the period are counted, not invoiced again. A run that was interrupted (its process killed, or a failure) is
/// resumed from where it stopped by the next RunBilling of the period, and completed once. System callers only.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Runs)]
public sealed record RunBilling(YearMonth Period) : ICommand<BillingRunReport>;

/// <summary>
/// What a billing run did, in all its passes when it was resumed. <see cref="Errors"/> lists at most the first few hundred
/// skipped contracts.
/// </summary>
public sealed record BillingRunReport(
    Guid RunId,
    YearMonth Period,
    int Contracts,
    int Issued,
    int AlreadyInvoiced,
    int NotBillable,
    int Failed,
    IReadOnlyList<BillingRunError> Errors);

/// <summary>A contract the run skipped because its data is bad; <see cref="Code"/> is a <c>billing.*</c> error code.</summary>
public sealed record BillingRunError(Guid ContractId, string ContractNumber, string Code);

/// <summary>Marks issued and partially paid invoices past their due date as overdue (the Billing module's nightly job <c>BillingMarkOverdue</c>); answers how many.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Runs)]
public sealed record MarkOverdueInvoices : ICommand<int>;

public enum BillingRunStatus
{
    /// <summary>A runner is working on it (it renews its lease with every page).</summary>
    Running,

    /// <summary>Stopped before the end (a failure, or its process ended); the next RunBilling of the period resumes it.</summary>
    Interrupted,

    Completed,
}

/// <summary>The billing runs of a period (or the latest runs of any period), newest first: progress and state.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Runs)]
public sealed record GetBillingRuns(YearMonth? Period = null) : IQuery<IReadOnlyList<BillingRunState>>;

/// <param name="LastProgressAt">When its last page was committed.</param>
/// <param name="Resumptions">How many times it was taken up again after an interruption.</param>
public sealed record BillingRunState(
    Guid RunId,
    YearMonth Period,
    BillingRunStatus Status,
    Instant StartedAt,
    Instant? LastProgressAt,
    Instant? CompletedAt,
    int Contracts,
    int Issued,
    int AlreadyInvoiced,
    int NotBillable,
    int Failed,
    int Resumptions);
