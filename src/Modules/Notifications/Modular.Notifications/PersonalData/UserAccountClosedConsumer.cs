using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.PersonalData;

/// <summary>
/// A portal account was closed: its preferences, phone number and channel states go, and its messages still waiting are
/// dropped (there is nobody to send them to). What was sent stays as the utility's record, without the user's address.
/// Runs from the outbox after Accounts committed, so it works whichever host composes the module.
/// </summary>
internal sealed class UserAccountClosedConsumer(NotificationsDbContext db, UtilityClock clock)
    : InboxEventHandler<UserAccountClosed, NotificationsDbContext>(db, clock.Clock)
{
    protected override string ConsumerName => "notifications.account-closed";

    protected override async Task HandleCoreAsync(UserAccountClosed closed, CancellationToken cancellationToken)
    {
        var userId = closed.UserId;
        await Db.Preferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await Db.Phones.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await Db.ChannelStates.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await Db.Messages.Where(m => m.UserId == userId && m.Status == Contracts.NotificationStatus.Pending).ExecuteDeleteAsync(cancellationToken);
        await Db.Messages.Where(m => m.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Address, "(erased)"), cancellationToken);
    }
}
