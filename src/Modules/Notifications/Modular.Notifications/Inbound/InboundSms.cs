using NodaTime;

namespace Modular.Notifications.Inbound;

/// <summary>An inbound SMS as received (its provider id is the key: the same message twice is handled once) and what was answered.</summary>
internal sealed class InboundSms
{
    public string Id { get; set; } = string.Empty;

    public string From { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public Guid? UserId { get; set; }

    public string Outcome { get; set; } = string.Empty;

    public string? Reply { get; set; }

    public Instant ReceivedAt { get; set; }
}
