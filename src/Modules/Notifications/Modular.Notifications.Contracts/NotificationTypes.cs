namespace Modular.Notifications.Contracts;

/// <summary>
/// The catalogue of notification types: stable codes stored with preferences and messages, named in options
/// (<c>Modular:Notifications:Types:{code}</c>) and in texts (<c>notifications.type.{code}</c>). Never rename one.
/// </summary>
public static class NotificationTypes
{
    /// <summary>An invoice was issued (email with its PDF).</summary>
    public const string InvoiceIssued = "invoice-issued";

    /// <summary>An unpaid invoice falls due in <c>DueSoonDays</c> days.</summary>
    public const string DueSoon = "due-soon";

    /// <summary>An invoice is overdue and its grace period ends soon.</summary>
    public const string Overdue = "overdue";

    /// <summary>A payment arrived (or was refunded or reversed).</summary>
    public const string PaymentReceived = "payment-received";

    /// <summary>The self-reading window opened.</summary>
    public const string WindowOpens = "window-opens";

    /// <summary>The self-reading window closes soon and the meter has no reading yet.</summary>
    public const string WindowClosing = "window-closing";

    /// <summary>An outage (planned or unplanned) in the area of one of the user's addresses, its updates and its end.</summary>
    public const string Outage = "outage";

    /// <summary>Consumption clearly above the customer's own history, or unusually steady: a possible leak.</summary>
    public const string HighUsage = "high-usage";

    /// <summary>A request to the utility changed status.</summary>
    public const string RequestStatus = "request-status";
}

/// <summary>How a notification reaches a user.</summary>
public enum NotificationChannel
{
    Email,
    Sms,
}

/// <summary>Where a message is: waiting (possibly for quiet hours to end), handed to its channel, and what the channel reported.</summary>
public enum NotificationStatus
{
    /// <summary>Queued; sent once its not-before time has passed (quiet hours for SMS).</summary>
    Pending,

    /// <summary>Handed to the channel (email sent, SMS accepted by the gateway).</summary>
    Sent,

    /// <summary>The SMS provider reported delivery.</summary>
    Delivered,

    /// <summary>The channel refused it for good (a hard failure).</summary>
    Failed,

    /// <summary>The address bounced (a hard failure).</summary>
    Bounced,
}
