using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Preferences;

internal sealed class SetNotificationPreferenceValidator : AbstractValidator<SetNotificationPreference>
{
    public SetNotificationPreferenceValidator() =>
        RuleFor(c => c.Type).Must(t => TypeCatalogue.All.Contains(t)).WithErrorCode(NotificationsErrors.TypeUnknown);
}

/// <summary>
/// Sets one type's choice on one channel for the user (their own, or the one a system caller names: STOP/START by SMS,
/// one-click unsubscribe). A mandatory type cannot be turned off; SMS cannot be turned on without a verified number.
/// Turning a channel on again also lifts its pause. Two tabs or a repeated link write the same row: the last one wins and
/// a twin's insert of the same key is taken as done.
/// </summary>
internal sealed class SetNotificationPreferenceHandler(NotificationsDbContext db, ICurrentUser user, UtilityClock clock, IOptions<NotificationsOptions> options)
    : IRequestHandler<SetNotificationPreference, Result>
{
    public async Task<Result> Handle(SetNotificationPreference request, CancellationToken cancellationToken)
    {
        var userId = user.Kind == CallerKind.System ? request.UserId : user.UserId;
        if (userId is not { } id)
        {
            return Result.Failure(Error.Of(NotificationsErrors.UserRequired, nameof(request.UserId)));
        }

        var defaults = options.Value.For(request.Type);
        if (!request.Enabled && defaults.Mandatory && defaults.DefaultFor(request.Channel))
        {
            return Result.Failure(Error.Of(NotificationsErrors.TypeMandatory, nameof(request.Type)));
        }

        if (request.Enabled && request.Channel == NotificationChannel.Sms
            && !await db.Phones.AnyAsync(p => p.UserId == id && p.VerifiedAt != null, cancellationToken))
        {
            return Result.Failure(Error.Of(NotificationsErrors.PhoneNotVerified, nameof(request.Channel)));
        }

        var saved = await db.RetryOnConflictAsync<bool>(async (_, ct) =>
        {
            var row = await db.Preferences.SingleOrDefaultAsync(p => p.UserId == id && p.Type == request.Type && p.Channel == request.Channel, ct);
            if (row is null)
            {
                db.Preferences.Add(row = new NotificationPreferenceEntry { UserId = id, Type = request.Type, Channel = request.Channel });
            }

            row.Enabled = request.Enabled;
            row.UpdatedAt = clock.Now;
            if (request.Enabled && await db.ChannelStates.SingleOrDefaultAsync(s => s.UserId == id && s.Channel == request.Channel, ct) is { } state)
            {
                state.HardFailures = 0;
                state.PausedAt = null;
            }

            return true;
        }, Error.Of(CoreErrors.Conflict), DbConflict.UniqueViolation, cancellationToken);
        return saved.IsFailure ? Result.Failure(saved.Error) : Result.Success();
    }
}
