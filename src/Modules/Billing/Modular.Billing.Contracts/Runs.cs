using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Billing.Contracts;

/// <summary>
/// Issues the invoices of a period for every contract (system of record mode). Idempotent: contracts already invoiced
/// for the period are counted, not invoiced again; rerunning after a crash completes the run. System callers only.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Runs)]
public sealed record RunBilling(YearMonth Period) : ICommand<BillingRunReport>;

/// <summary>What a billing run did. <see cref="Errors"/> lists at most the first few hundred skipped contracts.</summary>
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
