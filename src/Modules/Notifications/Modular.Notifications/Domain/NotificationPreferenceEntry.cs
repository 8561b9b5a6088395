using Modular.Notifications.Contracts;
using NodaTime;

namespace Modular.Notifications.Domain;

/// <summary>A user's own choice for one type on one channel; without a row the utility's default applies.</summary>
internal sealed class NotificationPreferenceEntry
{
    public Guid UserId { get; set; }

    public string Type { get; set; } = string.Empty;

    public NotificationChannel Channel { get; set; }

    public bool Enabled { get; set; }

    public Instant UpdatedAt { get; set; }
}

/// <summary>A user's mobile number for SMS: verified by a code sent to it before anything else is sent there.</summary>
internal sealed class UserPhone
{
    public Guid UserId { get; set; }

    /// <summary>E.164, e.g. <c>+40722123456</c>.</summary>
    public string Number { get; set; } = string.Empty;

    public Instant? VerifiedAt { get; set; }

    /// <summary>SHA-256 of the pending code (hex); null when none is pending.</summary>
    public string? CodeHash { get; set; }

    public Instant? CodeExpiresAt { get; set; }

    public Instant? CodeSentAt { get; set; }

    public int CodeAttempts { get; set; }

    public int Version { get; set; }
}

/// <summary>Consecutive hard failures of one channel for one user; at the utility's limit the channel is paused until the user acts.</summary>
internal sealed class ChannelState
{
    public Guid UserId { get; set; }

    public NotificationChannel Channel { get; set; }

    public int HardFailures { get; set; }

    public Instant? PausedAt { get; set; }
}

/// <summary>An SMS the simulator "sent" (the shipped gateway for development and tests).</summary>
internal sealed class SimulatedSms
{
    public Guid Id { get; set; }

    public string To { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public Instant SentAt { get; set; }
}

/// <summary>A delivery report already taken, by its signature: the same report again is refused.</summary>
internal sealed class WebhookReceipt
{
    public string Id { get; set; } = string.Empty;

    public Instant ReceivedAt { get; set; }
}
