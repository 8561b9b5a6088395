using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Messaging;
using Modular.Core.Results;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Billing.EInvoices.Transmission;

/// <summary>
/// Asks about uploaded documents whose poll is due and keeps the answers. Asking twice is harmless; of two instances
/// saving an answer one wins (version token) and the other drops its copy.
/// </summary>
[OwnTransactions]
internal sealed class PollEInvoiceTransmissionsHandler(
    BillingDbContext db,
    UtilityClock clock,
    IEInvoiceTransmitter transmitter,
    IOptions<BillingOptions> options,
    ILogger<PollEInvoiceTransmissionsHandler> logger) : IRequestHandler<PollEInvoiceTransmissions, Result<int>>
{
    public async Task<Result<int>> Handle(PollEInvoiceTransmissions request, CancellationToken cancellationToken)
    {
        var settings = options.Value.EInvoice;
        if (!settings.Enabled)
        {
            return Result<int>.Failure(BillingErrors.EInvoiceDisabled);
        }

        var now = clock.Now;
        var due = await db.EInvoiceTransmissions
            .Where(t => t.Status == EInvoiceTransmissionStatus.Uploaded && t.NextAttemptAt <= now)
            .OrderBy(t => t.NextAttemptAt).ThenBy(t => t.Id)
            .Take(settings.Transmission.BatchSize)
            .ToListAsync(cancellationToken);
        var answered = 0;
        foreach (var transmission in due)
        {
            var next = clock.Now.Plus(Duration.FromSeconds(settings.Transmission.RetrySeconds));
            try
            {
                var status = await transmitter.GetStatusAsync(transmission.UploadId!, cancellationToken);
                if (status.State == EInvoiceRemoteState.InProgress)
                {
                    transmission.NextAttemptAt = next;
                }
                else
                {
                    if (status.AnswerId is { } answerId)
                    {
                        var answer = await transmitter.DownloadAnswerAsync(answerId, cancellationToken);
                        (transmission.Answer, transmission.AnswerName) = (answer.Content, answer.FileName);
                    }

                    transmission.Status = status.State == EInvoiceRemoteState.Accepted ? EInvoiceTransmissionStatus.Accepted : EInvoiceTransmissionStatus.Rejected;
                    transmission.MessagesJson = JsonSerializer.Serialize(status.Messages);
                    transmission.AnsweredAt = clock.Now;
                    transmission.Problem = null;
                    answered++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                transmission.NextAttemptAt = next;
                transmission.Problem = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                logger.LogWarning(ex, "E-invoice {Number}: status poll failed", transmission.Number);
            }

            transmission.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogInformation("E-invoice {Number}: another instance saved its answer first", transmission.Number);
                db.Entry(transmission).State = EntityState.Detached;
                answered -= transmission.Status is EInvoiceTransmissionStatus.Accepted or EInvoiceTransmissionStatus.Rejected ? 1 : 0;
            }
        }

        return answered;
    }
}
