using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;

namespace Modular.Notifications.Delivery;

/// <summary>
/// The SMS provider's delivery reports. The signature is hex HMAC-SHA256 with <see cref="NotificationsOptions.WebhookSecret"/>
/// over <c>{timestamp}.{body}</c>; the timestamp (unix seconds) must be within <see cref="NotificationsOptions.WebhookToleranceSeconds"/>
/// of now; a signature already taken is refused (its SHA-256 is the primary key of <c>webhook_receipts</c>, so two deliveries of
/// the same report racing end with one taken). The body: <c>{"reports":[{"id":"…","status":"delivered|failed|bounced|accepted"}]}</c>
/// (or one report without the array). Failed and bounced count towards pausing the channel; delivered resets the count.
/// </summary>
internal sealed class ReportSmsDeliveryHandler(NotificationsDbContext db, UtilityClock clock, IOptions<NotificationsOptions> options)
    : IRequestHandler<ReportSmsDelivery, Result<int>>
{
    public async Task<Result<int>> Handle(ReportSmsDelivery request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        if (WebhookSignature.Check(options.Value, now, request.Body, request.Timestamp, request.Signature) is { } refused)
        {
            return refused;
        }

        if (Parse(request.Body!) is not { } reports)
        {
            return Error.Of(NotificationsErrors.ReportInvalid);
        }

        db.WebhookReceipts.Add(new WebhookReceipt { Id = WebhookSignature.ReceiptId(request.Signature!), ReceivedAt = now });
        var updated = 0;
        foreach (var (providerId, status) in reports)
        {
            var message = await db.Messages.SingleOrDefaultAsync(m => m.ProviderId == providerId && m.Channel == NotificationChannel.Sms, cancellationToken);
            if (message is null || status is null || message.Status == status)
            {
                continue;
            }

            message.Status = status.Value;
            message.StatusAt = now;
            updated++;
            if (status is NotificationStatus.Failed or NotificationStatus.Bounced)
            {
                await ChannelHealth.FailedAsync(db, message.UserId, NotificationChannel.Sms, options.Value.HardFailuresToPause, now, cancellationToken);
            }
            else if (status == NotificationStatus.Delivered)
            {
                await ChannelHealth.DeliveredAsync(db, message.UserId, NotificationChannel.Sms, cancellationToken);
            }
        }

        return await db.SaveOrConflictAsync(updated, Error.Of(NotificationsErrors.ReportReplayed), DbConflict.UniqueViolation, cancellationToken);
    }

    /// <summary>The signature a provider sends (see <see cref="WebhookSignature"/>).</summary>
    public static string Sign(string secret, string timestamp, string body) => WebhookSignature.Sign(secret, timestamp, body);

    private static List<(string Id, NotificationStatus? Status)>? Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var items = json.RootElement.TryGetProperty("reports", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().ToList()
                : [json.RootElement];
            var reports = new List<(string, NotificationStatus?)>();
            foreach (var item in items)
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.GetString() is not { Length: > 0 and <= 100 } text
                    || !item.TryGetProperty("status", out var status))
                {
                    return null;
                }

                reports.Add((text, status.GetString()?.ToLowerInvariant() switch
                {
                    "delivered" => NotificationStatus.Delivered,
                    "failed" or "undeliverable" or "rejected" => NotificationStatus.Failed,
                    "bounced" => NotificationStatus.Bounced,
                    _ => null, // accepted, queued: nothing new
                }));
            }

            return reports;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
