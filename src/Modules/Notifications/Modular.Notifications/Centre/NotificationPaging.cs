using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;

namespace Modular.Notifications.Centre;

/// <summary>The centre's page of messages, newest first (the id, a version 7 GUID, breaks ties in queueing order).</summary>
internal static class NotificationPaging
{
    public const int MaxPageSize = 100;

    public static Error? Check(int page, int pageSize) =>
        page < 1 || pageSize is < 1 or > MaxPageSize ? Error.Of(NotificationsErrors.PageInvalid, nameof(pageSize)) : null;

    public static async Task<NotificationPage> PageAsync(IQueryable<NotificationMessage> messages, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await messages.CountAsync(cancellationToken);
        var rows = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new SentNotification(m.Id, m.Type, m.Channel, m.Address, m.Summary, m.Status, m.CreatedAt, m.NotBefore, m.SentAt, m.StatusAt))
            .ToListAsync(cancellationToken);
        return new NotificationPage(rows, page, pageSize, total);
    }
}
