using Modular.Billing.Contracts;

namespace Modular.Billing.EInvoices.Transmission;

/// <summary>
/// Extension port: the receiving side of e-invoices (ANAF's e-Factura API for CIUS-RO, a Peppol access point…). Billing
/// uploads each issued document once, polls its status and keeps the answer. Register an implementation in the container
/// to replace the development one (<see cref="FolderEInvoiceTransmitter"/>). Throw on technical faults (the upload or poll
/// is tried again later with growing waits); answer refusals as results.
/// </summary>
public interface IEInvoiceTransmitter
{
    /// <summary>
    /// Uploads a document. <see cref="EInvoiceUpload.Key"/> is the same when an upload is repeated after a crash (Billing
    /// cannot know whether the first one arrived): where the receiving side allows, look the key up first and answer the
    /// earlier upload instead of sending the document twice.
    /// </summary>
    Task<EInvoiceUploadReceipt> UploadAsync(EInvoiceUpload upload, CancellationToken cancellationToken);

    /// <summary>Where an upload stands; an answered one names the answer to download.</summary>
    Task<EInvoiceRemoteStatus> GetStatusAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>The answer as the receiving side gives it (e.g. ANAF's zip with the signed invoice, or its error report).</summary>
    Task<EInvoiceAnswer> DownloadAnswerAsync(string answerId, CancellationToken cancellationToken);
}

/// <param name="Key">Stable per upload of one document (see <see cref="IEInvoiceTransmitter.UploadAsync"/>).</param>
/// <param name="SellerTaxId">The utility's VAT identifier (ANAF's upload names the seller's CIF).</param>
public sealed record EInvoiceUpload(Guid Key, EInvoiceDocumentKind Kind, string Number, string SellerTaxId, string FileName, byte[] Content);

/// <summary>The upload's id on the receiving side, or, when the upload itself was refused, why (no id).</summary>
public sealed record EInvoiceUploadReceipt(string? UploadId, IReadOnlyList<string> Errors)
{
    public static EInvoiceUploadReceipt Accepted(string uploadId) => new(uploadId, []);
}

public enum EInvoiceRemoteState
{
    InProgress,
    Accepted,
    Rejected,
}

public sealed record EInvoiceRemoteStatus(EInvoiceRemoteState State, string? AnswerId, IReadOnlyList<string> Messages);

public sealed record EInvoiceAnswer(string FileName, byte[] Content);
