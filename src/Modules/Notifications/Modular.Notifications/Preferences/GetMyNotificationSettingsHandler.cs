using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Preferences;

/// <summary>Every type × channel for the signed-in user: their choice, else the utility's default; mandatory ones marked.</summary>
internal sealed class GetMyNotificationSettingsHandler(NotificationsDbContext db, ICurrentUser user, IOptions<NotificationsOptions> options)
    : IRequestHandler<GetMyNotificationSettings, Result<NotificationSettings>>
{
    public async Task<Result<NotificationSettings>> Handle(GetMyNotificationSettings request, CancellationToken cancellationToken)
    {
        if (user.UserId is not { } userId)
        {
            return Result<NotificationSettings>.Failure(Error.Of(NotificationsErrors.UserRequired));
        }

        var choices = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        var phone = await db.Phones.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var paused = await db.ChannelStates.AsNoTracking().Where(s => s.UserId == userId && s.PausedAt != null).Select(s => s.Channel)
            .ToListAsync(cancellationToken);
        var preferences = new List<NotificationPreference>();
        foreach (var type in TypeCatalogue.All)
        {
            var defaults = options.Value.For(type);
            foreach (var channel in new[] { NotificationChannel.Email, NotificationChannel.Sms })
            {
                var mandatory = defaults.Mandatory && defaults.DefaultFor(channel);
                var chosen = choices.FirstOrDefault(c => c.Type == type && c.Channel == channel)?.Enabled;
                preferences.Add(new NotificationPreference(type, channel, mandatory || (chosen ?? defaults.DefaultFor(channel)), mandatory));
            }
        }

        return new NotificationSettings(preferences, phone?.Number, phone?.VerifiedAt is not null, paused.Order().ToList());
    }
}
