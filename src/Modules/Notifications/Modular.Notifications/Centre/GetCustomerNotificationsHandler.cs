using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Centre;

/// <summary>Every message sent to the customer's users, newest first; a customer outside the caller's scope answers an empty page.</summary>
internal sealed class GetCustomerNotificationsHandler(NotificationsDbContext db, IAccessScope access)
    : IRequestHandler<GetCustomerNotifications, Result<NotificationPage>>
{
    public async Task<Result<NotificationPage>> Handle(GetCustomerNotifications request, CancellationToken cancellationToken)
    {
        if (NotificationPaging.Check(request.Page, request.PageSize) is { } invalid)
        {
            return Result<NotificationPage>.Failure(invalid);
        }

        if (!(await access.GetAsync(cancellationToken)).CanSeeCustomer(request.CustomerId))
        {
            return new NotificationPage([], request.Page, request.PageSize, 0);
        }

        return await NotificationPaging.PageAsync(db.Messages.AsNoTracking().Where(m => m.CustomerId == request.CustomerId), request.Page,
            request.PageSize, cancellationToken);
    }
}
