using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Core.PersonalData;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.PersonalData;

/// <summary>
/// Notifications' section of a portal user's archive: their own choices per type and channel, their phone number for SMS,
/// and every message sent to them (when, on which channel, to which address, what it said, its delivery status).
/// </summary>
internal sealed class NotificationsPersonalDataSection(NotificationsDbContext db) : IPersonalDataSection
{
    public string Name => "notifications";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var userId = subject.UserId;
        var preferences = db.Preferences.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Type).ThenBy(p => p.Channel).AsAsyncEnumerable();
        await writer.WriteCsvAsync("preferences", "The notifications you chose to receive or not, per type and channel (others follow the utility's defaults)",
            ["type", "channel", "enabled", "changed_at"], preferences,
            p => [p.Type, p.Channel.ToString().ToLowerInvariant(), p.Enabled ? "yes" : "no", Time(p.UpdatedAt)], cancellationToken);

        var phones = db.Phones.AsNoTracking().Where(p => p.UserId == userId).AsAsyncEnumerable();
        await writer.WriteCsvAsync("phone", "Your mobile number for SMS and when you confirmed it",
            ["number", "verified_at"], phones, p => [p.Number, p.VerifiedAt is { } at ? Time(at) : null], cancellationToken);

        var messages = db.Messages.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.CreatedAt).AsAsyncEnumerable();
        await writer.WriteCsvAsync("messages", "The notifications sent to you: type, channel, address, what it said and its delivery status",
            ["notification_id", "type", "channel", "address", "summary", "status", "queued_at", "sent_at", "status_at"], messages,
            m => [m.Id.ToString(), m.Type, m.Channel.ToString().ToLowerInvariant(), m.Address, m.Summary, m.Status.ToString().ToLowerInvariant(),
                Time(m.CreatedAt), m.SentAt is { } sent ? Time(sent) : null, m.StatusAt is { } status ? Time(status) : null], cancellationToken);
    }

    private static string Time(NodaTime.Instant instant) => instant.ToString(null, CultureInfo.InvariantCulture);
}
