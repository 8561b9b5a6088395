using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Billing.Contracts;

/// <summary>
/// The e-invoice of an invoice or a credit note (UBL 2.1 Invoice or CreditNote, EN 16931 with CIUS-RO or Peppol BIS 3 as
/// the utility configures), as an XML file, for the customer it belongs to or staff. The same document always gives the
/// same bytes. Invoices imported from an ERP have none (the ERP issues them).
/// </summary>
[AllowedCallers(Callers.Customer | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetEInvoice(Guid DocumentId) : IQuery<DocumentFile>;

/// <summary>Whether this utility issues e-invoices (<c>Modular:Billing:EInvoice:Enabled</c>), so pages offer their download.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record GetEInvoicesEnabled : IQuery<bool>;

/// <summary>
/// Writes the e-invoices of a billing run's period (every invoice the runs of that period issued) into
/// <paramref name="Destination"/> as a zip with one <c>{number}.xml</c> per invoice, in number order, for the utility's
/// own upload. The same run gives the same bytes.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.EInvoices)]
public sealed record ExportRunEInvoices(Guid RunId, Stream Destination) : IQuery<EInvoiceExportReport>;

/// <summary>What an export wrote; <see cref="Skipped"/> names the invoices whose e-invoice could not be made and why.</summary>
public sealed record EInvoiceExportReport(Guid RunId, YearMonth Period, int Documents, IReadOnlyList<EInvoiceExportProblem> Skipped);

public sealed record EInvoiceExportProblem(string Number, string Code);

public enum EInvoiceTransmissionStatus
{
    /// <summary>Waiting to be uploaded (or to be uploaded again after a failed attempt).</summary>
    Pending,

    /// <summary>Being uploaded by an instance.</summary>
    Uploading,

    /// <summary>Uploaded; the authority or access point has not answered yet.</summary>
    Uploaded,

    /// <summary>Accepted; the answer (e.g. the signed document) is kept.</summary>
    Accepted,

    /// <summary>Refused by the receiving side; its messages are kept. Fix the data and retry.</summary>
    Rejected,

    /// <summary>The document could not be made from our data (the code says why). Fix the data and retry.</summary>
    Blocked,
}

public enum EInvoiceDocumentKind
{
    Invoice,
    CreditNote,
}

/// <summary>Where an e-invoice's transmission stands.</summary>
public sealed record EInvoiceTransmissionInfo(
    Guid DocumentId,
    EInvoiceDocumentKind Kind,
    string Number,
    Guid CustomerId,
    EInvoiceTransmissionStatus Status,
    int Attempts,
    string? UploadId,
    string? Problem,
    IReadOnlyList<string> Messages,
    Instant CreatedAt,
    Instant? UploadedAt,
    Instant? AnsweredAt);

/// <summary>Transmissions, newest first, optionally in one status; at most <paramref name="Max"/> (1–1000).</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetEInvoiceTransmissions(EInvoiceTransmissionStatus? Status = null, int Max = 200) : IQuery<IReadOnlyList<EInvoiceTransmissionInfo>>;

/// <summary>The transmission of one document.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetEInvoiceTransmission(Guid DocumentId) : IQuery<EInvoiceTransmissionInfo>;

/// <summary>The receiving side's answer to a document (its signed copy, or its error report) as it sent it.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetEInvoiceAnswer(Guid DocumentId) : IQuery<DocumentFile>;

/// <summary>
/// Uploads pending documents (and takes over uploads an instance left unfinished), at most a batch per call; answers how
/// many were uploaded. A worker job (staff may send it to send now).
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.EInvoices)]
public sealed record TransmitEInvoices : ICommand<int>;

/// <summary>Asks the receiving side about uploaded documents and keeps its answers; answers how many were answered. A worker job.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.EInvoices)]
public sealed record PollEInvoiceTransmissions : ICommand<int>;

/// <summary>Queues a rejected or blocked document again, after its data was fixed.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.EInvoices)]
public sealed record RetryEInvoiceTransmission(Guid DocumentId) : ICommand;
