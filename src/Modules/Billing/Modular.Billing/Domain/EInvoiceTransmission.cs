using Modular.Billing.Contracts;
using NodaTime;

namespace Modular.Billing.Domain;

/// <summary>
/// One document's way to the authority or access point: queued, uploaded (by the instance holding its lease), answered.
/// </summary>
internal sealed class EInvoiceTransmission
{
    public Guid Id { get; set; }

    public Guid DocumentId { get; set; }

    public EInvoiceDocumentKind Kind { get; set; }

    public string Number { get; set; } = string.Empty;

    public Guid CustomerId { get; set; }

    public EInvoiceTransmissionStatus Status { get; set; }

    /// <summary>
    /// Names this upload to the receiving side: an upload repeated after a crash carries the same key (the transmitter
    /// answers the first upload); a retry after a rejection gets a new one.
    /// </summary>
    public Guid UploadKey { get; set; }

    /// <summary>Upload attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The receiving side's id of the upload (ANAF's index, an access point's message id).</summary>
    public string? UploadId { get; set; }

    /// <summary>SHA-256 (hex) of the bytes uploaded: what was sent, kept with the answer.</summary>
    public string? ContentSha256 { get; set; }

    /// <summary>Why the document is blocked (a <c>billing.*</c> code) or why the last attempt failed.</summary>
    public string? Problem { get; set; }

    /// <summary>The receiving side's messages (a rejection's errors) as a JSON array of strings.</summary>
    public string MessagesJson { get; set; } = "[]";

    public byte[]? Answer { get; set; }

    public string? AnswerName { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? UploadedAt { get; set; }

    public Instant? AnsweredAt { get; set; }

    /// <summary>When the next upload attempt or status poll is due.</summary>
    public Instant NextAttemptAt { get; set; }

    public string? LockedBy { get; set; }

    public Instant? LockedUntil { get; set; }

    /// <summary>Optimistic concurrency token: instances racing for a row, staff retrying while a poll answers.</summary>
    public Guid Version { get; set; }

    public IReadOnlyList<string> Messages => System.Text.Json.JsonSerializer.Deserialize<List<string>>(MessagesJson) ?? [];

    public EInvoiceTransmissionInfo ToInfo() => new(DocumentId, Kind, Number, CustomerId, Status, Attempts, UploadId, Problem, Messages,
        CreatedAt, UploadedAt, AnsweredAt);
}
