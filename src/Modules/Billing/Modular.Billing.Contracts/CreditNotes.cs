using Modular.Core.Access;
using Modular.Core.Events;
using Modular.Core.Messaging;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Billing.Contracts;

public enum CreditNoteReason
{
    /// <summary>Cancels the invoice: credits everything on it not credited yet.</summary>
    Reversal,

    /// <summary>Credits part of the invoice: the quantities named per line.</summary>
    Correction,
}

/// <summary>How much of an invoice line (1-based, as printed) a correction credits, in the line's unit.</summary>
public sealed record CreditNoteLineRequest(int Line, decimal Quantity);

/// <summary>
/// Issues a credit note for an invoice issued by a billing run, numbered in its own gapless series: a reversal (the
/// invoice becomes cancelled) or a correction of some lines' quantities. The customer owes the invoice less; what they had
/// already paid beyond that becomes their credit. <paramref name="RequestId"/> makes a repeated request answer the credit
/// note it issued the first time.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.CreditNotes)]
public sealed record IssueCreditNote(Guid InvoiceId, CreditNoteReason Reason, IReadOnlyList<CreditNoteLineRequest>? Lines, string? Note, Guid RequestId)
    : ICommand<CreditNoteSummary>;

public sealed record CreditNoteSummary(
    Guid CreditNoteId,
    string Number,
    Guid InvoiceId,
    string InvoiceNumber,
    Guid CustomerId,
    LocalDate IssueDate,
    CreditNoteReason Reason,
    Money Net,
    Money Vat,
    Money Total,
    string? Note);

/// <summary>The credit notes of an invoice the caller may see, oldest first.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetCreditNotes(Guid InvoiceId) : IQuery<IReadOnlyList<CreditNoteSummary>>;

public sealed record CreditNoteIssued(Guid EventId, Instant OccurredAt, Guid CreditNoteId, string Number, Guid InvoiceId, Guid CustomerId, Money Total)
    : IIntegrationEvent;
