using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Unsubscribe;

/// <summary>
/// Turns off exactly the type and channel the signed link names, for the user it names; nothing else changes. A second
/// use finds the preference already off and answers the same. Mandatory types have no link; a link to a type made
/// mandatory since is refused.
/// </summary>
internal sealed class UnsubscribeByLinkHandler(NotificationsDbContext db, UnsubscribeLinks links, UtilityClock clock, IOptions<NotificationsOptions> options)
    : IRequestHandler<UnsubscribeByLink, Result<Unsubscribed>>
{
    public async Task<Result<Unsubscribed>> Handle(UnsubscribeByLink request, CancellationToken cancellationToken)
    {
        var claim = await links.ReadAsync(request.Token, cancellationToken);
        if (claim is null || !TypeCatalogue.All.Contains(claim.Type))
        {
            return Error.Of(NotificationsErrors.LinkInvalid, nameof(request.Token));
        }

        if (clock.Now > claim.ExpiresAt)
        {
            return Error.Of(NotificationsErrors.LinkExpired, nameof(request.Token));
        }

        var defaults = options.Value.For(claim.Type);
        if (defaults.Mandatory && defaults.DefaultFor(claim.Channel))
        {
            return Error.Of(NotificationsErrors.TypeMandatory, nameof(request.Token));
        }

        return await db.RetryOnConflictAsync<Unsubscribed>(async (_, ct) =>
        {
            var row = await db.Preferences.SingleOrDefaultAsync(p => p.UserId == claim.UserId && p.Type == claim.Type && p.Channel == claim.Channel, ct);
            if (row is null)
            {
                db.Preferences.Add(row = new NotificationPreferenceEntry { UserId = claim.UserId, Type = claim.Type, Channel = claim.Channel });
            }

            if (row.Enabled || db.Entry(row).State == EntityState.Added)
            {
                row.Enabled = false;
                row.UpdatedAt = clock.Now;
            }

            return new Unsubscribed(claim.Type, claim.Channel);
        }, Error.Of(CoreErrors.Conflict), DbConflict.UniqueViolation, cancellationToken);
    }
}
