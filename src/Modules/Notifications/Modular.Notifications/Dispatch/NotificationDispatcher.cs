using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Email;
using Modular.Core.Links;
using Modular.Core.Templates;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Delivery;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using Modular.Notifications.Sms;
using Modular.Notifications.Unsubscribe;
using NodaTime;

namespace Modular.Notifications.Dispatch;

/// <summary>
/// Sends the pending messages whose time has come. Each message is claimed by one conditional update (still pending, no
/// live lease) before it is sent, so two dispatchers on two instances never send the same message: the loser's update
/// changes no row and it moves on. A send that throws keeps the message pending with a growing pause; after
/// <see cref="MaxAttempts"/> it is failed for good and counts as a hard failure of the channel.
/// </summary>
internal sealed class NotificationDispatcher(NotificationsDbContext db, EmailComposer email, ITemplateRenderer templates, ISmsGateway sms,
    UnsubscribeLinks unsubscribe, IPublicLinks links, IMediator mediator, UtilityClock clock, IOptions<NotificationsOptions> options,
    ILogger<NotificationDispatcher> logger)
{
    public const string Module = "Notifications";

    public const string UnsubscribeRoute = "notifications.unsubscribe";

    public const string CentreRoute = "notifications.centre";

    public const int MaxAttempts = 5;

    /// <summary>Sends what is due now, at most one batch; answers how many messages this dispatcher sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var due = await db.Messages.AsNoTracking()
            .Where(m => m.Status == NotificationStatus.Pending && m.NotBefore <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NotBefore).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(options.Value.DispatchBatch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(id, now, cancellationToken) && await SendAsync(id, now, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> ClaimAsync(Guid id, Instant now, CancellationToken cancellationToken)
    {
        var lease = now + Duration.FromSeconds(options.Value.DispatchLeaseSeconds);
        var claimed = await db.Messages
            .Where(m => m.Id == id && m.Status == NotificationStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        return claimed == 1;
    }

    private async Task<bool> SendAsync(Guid id, Instant now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var message = await db.Messages.SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            var (summary, providerId) = message.Channel == NotificationChannel.Email
                ? (await SendEmailAsync(message, now, cancellationToken), null)
                : await SendSmsAsync(message, cancellationToken);
            message.Status = NotificationStatus.Sent;
            message.SentAt = now;
            message.StatusAt = now;
            message.Summary = Truncate(summary, 1000);
            message.ProviderId = providerId;
            message.LeaseUntil = null;
            message.LastError = null;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Notification {Id} ({Channel}) not sent, attempt {Attempt}", message.Id, message.Channel, message.Attempts);
            message.LastError = Truncate(ex.Message, 1000);
            if (message.Attempts >= MaxAttempts)
            {
                message.Status = NotificationStatus.Failed;
                message.StatusAt = now;
                message.LeaseUntil = null;
                await ChannelHealth.FailedAsync(db, message.UserId, message.Channel, options.Value.HardFailuresToPause, now, cancellationToken);
            }
            else
            {
                // Waits 1, 2, 4, 8 minutes before the next try.
                message.LeaseUntil = now + Duration.FromMinutes(1 << (message.Attempts - 1));
            }

            await db.SaveChangesAsync(cancellationToken);
            return false;
        }
    }

    private async Task<string> SendEmailAsync(NotificationMessage message, Instant now, CancellationToken cancellationToken)
    {
        var model = ModelJson.Read(message.Model);
        model["type"] = message.Type;
        model["portalUrl"] = links.To(CentreRoute);
        var headers = new Dictionary<string, string>();
        var typeOptions = options.Value.For(message.Type);
        if (!(typeOptions.Mandatory && typeOptions.Email))
        {
            var token = await unsubscribe.TokenAsync(message.UserId, message.Type, message.Channel, now + Duration.FromDays(options.Value.UnsubscribeDays),
                cancellationToken);
            var url = links.To(UnsubscribeRoute, ("t", token));
            model["unsubscribeUrl"] = url;
            headers["List-Unsubscribe"] = $"<{url}>";
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        }

        var composed = await email.ComposeAsync(Module, message.Template, message.Address, model, message.Culture, cancellationToken);
        await email.SendAsync(composed with { Headers = headers, Attachments = await AttachmentsAsync(message, cancellationToken) }, cancellationToken);
        return composed.Subject;
    }

    private async Task<(string, string?)> SendSmsAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var model = ModelJson.Read(message.Model);
        model["type"] = message.Type;
        var text = (await templates.RenderAsync(Module, message.Template + ".sms", model, message.Culture, cancellationToken)).Trim();
        var providerId = await sms.SendAsync(new SmsRequest(message.Address, text), cancellationToken);
        return (text, providerId);
    }

    /// <summary>An invoice's PDF through Billing's query; without it (no PDF renderer, Billing not composed) the email goes without.</summary>
    private async Task<IReadOnlyList<EmailAttachment>> AttachmentsAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        const string InvoicePdf = "invoice-pdf:";
        if (message.Attachment is not { } attachment || !attachment.StartsWith(InvoicePdf, StringComparison.Ordinal)
            || !Guid.TryParse(attachment[InvoicePdf.Length..], out var invoiceId))
        {
            return [];
        }

        try
        {
            var document = await mediator.Send(new GetInvoiceDocument(invoiceId, DocumentFormat.Pdf, message.Culture), cancellationToken);
            if (document.IsSuccess)
            {
                return [new EmailAttachment(document.Value.FileName, document.Value.ContentType, document.Value.Content)];
            }

            logger.LogWarning("Invoice {InvoiceId} emailed without its PDF: {Error}", invoiceId, document.Error);
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning(ex, "Invoice {InvoiceId} emailed without its PDF", invoiceId);
        }

        return [];
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
