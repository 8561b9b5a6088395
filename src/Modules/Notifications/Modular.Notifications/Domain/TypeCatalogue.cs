using Modular.Notifications.Contracts;

namespace Modular.Notifications.Domain;

/// <summary>The notification types the module knows, in the order the preferences page lists them.</summary>
internal static class TypeCatalogue
{
    public static IReadOnlyList<string> All { get; } =
    [
        NotificationTypes.InvoiceIssued, NotificationTypes.DueSoon, NotificationTypes.Overdue, NotificationTypes.PaymentReceived,
        NotificationTypes.WindowOpens, NotificationTypes.WindowClosing, NotificationTypes.Outage, NotificationTypes.HighUsage,
        NotificationTypes.RequestStatus,
    ];

    public static IReadOnlyList<NotificationChannel> Channels { get; } = [NotificationChannel.Email, NotificationChannel.Sms];
}
