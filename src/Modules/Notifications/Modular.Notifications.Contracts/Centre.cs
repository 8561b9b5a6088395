using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Notifications.Contracts;

/// <summary>One message in the notification centre: what, to where, on which channel, when, and its delivery status.</summary>
/// <param name="Summary">The email's subject or the SMS text once sent; null while it waits.</param>
/// <param name="NotBefore">When a waiting message may go out (the end of quiet hours for SMS).</param>
public sealed record SentNotification(
    Guid NotificationId,
    string Type,
    NotificationChannel Channel,
    string Address,
    string? Summary,
    NotificationStatus Status,
    Instant QueuedAt,
    Instant NotBefore,
    Instant? SentAt,
    Instant? StatusAt);

/// <summary>A page of the notification centre, newest first.</summary>
public sealed record NotificationPage(IReadOnlyList<SentNotification> Items, int Page, int PageSize, int Total);

/// <summary>The portal user's notification centre, newest first; <paramref name="PageSize"/> 1–100.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record GetMyNotifications(int Page = 1, int PageSize = 20) : IQuery<NotificationPage>;

/// <summary>What was sent to a customer's users (the back office's customer page), newest first; <paramref name="PageSize"/> 1–100.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = NotificationsPermissions.Read)]
public sealed record GetCustomerNotifications(Guid CustomerId, int Page = 1, int PageSize = 20) : IQuery<NotificationPage>;
