using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Centre;

/// <summary>The signed-in user's own messages (every customer they are linked to), newest first.</summary>
internal sealed class GetMyNotificationsHandler(NotificationsDbContext db, ICurrentUser user) : IRequestHandler<GetMyNotifications, Result<NotificationPage>>
{
    public async Task<Result<NotificationPage>> Handle(GetMyNotifications request, CancellationToken cancellationToken)
    {
        if (NotificationPaging.Check(request.Page, request.PageSize) is { } invalid)
        {
            return Result<NotificationPage>.Failure(invalid);
        }

        if (user.UserId is not { } userId)
        {
            return Result<NotificationPage>.Failure(Error.Of(NotificationsErrors.UserRequired));
        }

        return await NotificationPaging.PageAsync(db.Messages.AsNoTracking().Where(m => m.UserId == userId), request.Page, request.PageSize, cancellationToken);
    }
}
