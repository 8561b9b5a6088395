using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Payments.Contracts;

/// <summary>
/// Money that could not be matched, waiting for staff, oldest first. <paramref name="Search"/> finds text in the
/// reference or the payer's name, or an exact amount ("64.00"); at most <paramref name="Take"/> (1–1,000) entries.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Suspense)]
public sealed record ListSuspense(bool OpenOnly = true, string? Search = null, int Take = 1_000) : IQuery<IReadOnlyList<SuspenseEntry>>;

public enum SuspenseStatus
{
    Open,

    /// <summary>Assigned to a customer: a payment was recorded (<see cref="SuspenseEntry.PaymentId"/>).</summary>
    Assigned,

    /// <summary>Taken back by the bank (a reversal in a later statement).</summary>
    Reversed,

    /// <summary>Sent back to the payer by the utility, with the reason.</summary>
    Returned,

    /// <summary>Divided into parts, each an open entry of its own (<see cref="SuspenseEntry.ParentId"/>).</summary>
    Split,
}

/// <summary>
/// One unmatched amount. <see cref="Reason"/> is the code of why it was not matched; <see cref="Note"/> what staff wrote
/// when they returned it; <see cref="ParentId"/> the entry it was split from.
/// </summary>
public sealed record SuspenseEntry(
    Guid SuspenseId,
    string Source,
    Money Amount,
    LocalDate ValueDate,
    string? Reference,
    string? Payer,
    string Reason,
    SuspenseStatus Status,
    Guid? PaymentId,
    Instant ReceivedAt = default,
    Instant? ClosedAt = null,
    string? Note = null,
    Guid? ParentId = null);

/// <summary>One entry with the parts it was split into (none unless split).</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Suspense)]
public sealed record GetSuspenseEntry(Guid SuspenseId) : IQuery<SuspenseDetails>;

public sealed record SuspenseDetails(SuspenseEntry Entry, IReadOnlyList<SuspenseEntry> Parts);

/// <summary>Staff assign suspense money to a customer (by client code), optionally to given invoices; a payment is recorded.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Suspense)]
public sealed record AssignSuspense(Guid SuspenseId, string ClientCode, IReadOnlyList<Guid> InvoiceIds) : ICommand<Guid>;

/// <summary>
/// Staff record that the money is sent back to the payer (a bank transfer made outside the portal); the reason is
/// required. The entry closes; no payment is recorded.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Suspense)]
public sealed record ReturnSuspense(Guid SuspenseId, string Reason) : ICommand;

/// <summary>
/// Staff divide one amount into parts (e.g. a neighbour paid for two households): at least two positive amounts in the
/// entry's currency that add up to it exactly. Each part becomes an open entry, assigned or returned on its own.
/// Answers the parts' ids in the order given.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Suspense)]
public sealed record SplitSuspense(Guid SuspenseId, IReadOnlyList<decimal> Amounts) : ICommand<IReadOnlyList<Guid>>
{
    public const int MaxParts = 20;
}
