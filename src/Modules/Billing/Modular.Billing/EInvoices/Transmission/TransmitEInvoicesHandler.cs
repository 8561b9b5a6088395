using System.Security.Cryptography;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.EInvoices.Documents;
using Modular.Billing.Persistence;
using Modular.Core.Messaging;
using Modular.Core.Results;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Billing.EInvoices.Transmission;

/// <summary>
/// Uploads due documents. Each is claimed first (a conditional update on its version: of several instances one wins) with
/// a lease, committed before the upload, so an instance that dies mid-upload leaves the document to be taken over when the
/// lease ends, uploaded again under the same key. A document that cannot be made from our data is blocked with the reason;
/// a failed upload waits (doubling, up to an hour) and is tried again.
/// </summary>
[OwnTransactions]
internal sealed class TransmitEInvoicesHandler(
    BillingDbContext db,
    UtilityClock clock,
    EInvoiceDocuments documents,
    IEInvoiceTransmitter transmitter,
    IOptions<BillingOptions> options,
    ILogger<TransmitEInvoicesHandler> logger) : IRequestHandler<TransmitEInvoices, Result<int>>
{
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<Result<int>> Handle(TransmitEInvoices request, CancellationToken cancellationToken)
    {
        var settings = options.Value.EInvoice;
        if (!settings.Enabled)
        {
            return Result<int>.Failure(BillingErrors.EInvoiceDisabled);
        }

        var now = clock.Now;
        var due = await db.EInvoiceTransmissions.AsNoTracking()
            .Where(t => (t.Status == EInvoiceTransmissionStatus.Pending && t.NextAttemptAt <= now)
                || (t.Status == EInvoiceTransmissionStatus.Uploading && t.LockedUntil < now))
            .OrderBy(t => t.NextAttemptAt).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Version })
            .Take(settings.Transmission.BatchSize)
            .ToListAsync(cancellationToken);
        var uploaded = 0;
        foreach (var candidate in due)
        {
            var claim = Guid.NewGuid();
            var leaseEnd = clock.Now.Plus(Duration.FromSeconds(settings.Transmission.LeaseSeconds));
            var claimed = await db.EInvoiceTransmissions
                .Where(t => t.Id == candidate.Id && t.Version == candidate.Version)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, EInvoiceTransmissionStatus.Uploading)
                    .SetProperty(t => t.LockedBy, _instance)
                    .SetProperty(t => t.LockedUntil, leaseEnd)
                    .SetProperty(t => t.Version, claim), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var transmission = await db.EInvoiceTransmissions.SingleAsync(t => t.Id == candidate.Id, cancellationToken);
            if (await UploadAsync(transmission, cancellationToken))
            {
                uploaded++;
            }

            transmission.LockedBy = null;
            transmission.LockedUntil = null;
            transmission.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Our lease ran out and another instance took the document over; its outcome counts.
                logger.LogWarning("E-invoice {Number}: lease lost before its outcome was saved", transmission.Number);
            }

            db.ChangeTracker.Clear();
        }

        return uploaded;
    }

    private async Task<bool> UploadAsync(EInvoiceTransmission transmission, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var file = await DocumentAsync(transmission, cancellationToken);
        if (file.IsFailure)
        {
            transmission.Status = EInvoiceTransmissionStatus.Blocked;
            transmission.Problem = file.Error.Code;
            return false;
        }

        var settings = options.Value;
        transmission.Attempts++;
        try
        {
            var receipt = await transmitter.UploadAsync(new EInvoiceUpload(transmission.UploadKey, transmission.Kind, transmission.Number,
                settings.IssuerTaxId ?? string.Empty, file.Value.FileName, file.Value.Content), cancellationToken);
            transmission.ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(file.Value.Content));
            transmission.Problem = null;
            if (receipt.UploadId is null)
            {
                transmission.Status = EInvoiceTransmissionStatus.Rejected;
                transmission.MessagesJson = JsonSerializer.Serialize(receipt.Errors);
                transmission.AnsweredAt = now;
                return false;
            }

            transmission.Status = EInvoiceTransmissionStatus.Uploaded;
            transmission.UploadId = receipt.UploadId;
            transmission.UploadedAt = now;
            transmission.NextAttemptAt = now.Plus(Duration.FromSeconds(settings.EInvoice.Transmission.RetrySeconds));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var wait = Math.Min(3600, settings.EInvoice.Transmission.RetrySeconds * Math.Pow(2, Math.Min(transmission.Attempts - 1, 16)));
            transmission.Status = EInvoiceTransmissionStatus.Pending;
            transmission.Problem = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
            transmission.NextAttemptAt = now.Plus(Duration.FromSeconds(wait));
            logger.LogWarning(ex, "E-invoice {Number}: upload attempt {Attempt} failed", transmission.Number, transmission.Attempts);
            return false;
        }
    }

    private async Task<Result<EInvoiceFile>> DocumentAsync(EInvoiceTransmission transmission, CancellationToken cancellationToken)
    {
        if (transmission.Kind == EInvoiceDocumentKind.CreditNote)
        {
            var creditNote = await db.CreditNotes.AsNoTracking().SingleAsync(c => c.Id == transmission.DocumentId, cancellationToken);
            return await documents.CreditNoteAsync(creditNote, cancellationToken);
        }

        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == transmission.DocumentId, cancellationToken);
        return await documents.InvoiceAsync(invoice, cancellationToken);
    }
}
