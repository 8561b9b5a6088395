using Microsoft.EntityFrameworkCore;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;

namespace Modular.Notifications.Delivery;

/// <summary>
/// Counts consecutive hard failures (failed, bounced) per user and channel; at the utility's limit the channel is paused
/// (nothing more is queued on it and the portal says so) until the user turns a type on that channel on again. A delivery
/// resets the count.
/// </summary>
internal static class ChannelHealth
{
    public static async Task FailedAsync(NotificationsDbContext db, Guid userId, NotificationChannel channel, int limit, Instant now, CancellationToken cancellationToken)
    {
        var state = await StateAsync(db, userId, channel, cancellationToken);
        state.HardFailures++;
        if (state.HardFailures >= limit && state.PausedAt is null)
        {
            state.PausedAt = now;
        }
    }

    public static async Task DeliveredAsync(NotificationsDbContext db, Guid userId, NotificationChannel channel, CancellationToken cancellationToken)
    {
        if (await db.ChannelStates.SingleOrDefaultAsync(s => s.UserId == userId && s.Channel == channel, cancellationToken) is { PausedAt: null } state)
        {
            state.HardFailures = 0;
        }
    }

    private static async Task<ChannelState> StateAsync(NotificationsDbContext db, Guid userId, NotificationChannel channel, CancellationToken cancellationToken)
    {
        var state = db.ChannelStates.Local.SingleOrDefault(s => s.UserId == userId && s.Channel == channel)
            ?? await db.ChannelStates.SingleOrDefaultAsync(s => s.UserId == userId && s.Channel == channel, cancellationToken);
        if (state is null)
        {
            db.ChannelStates.Add(state = new ChannelState { UserId = userId, Channel = channel });
        }

        return state;
    }
}
