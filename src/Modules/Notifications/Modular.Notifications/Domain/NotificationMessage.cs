using Modular.Notifications.Contracts;
using NodaTime;

namespace Modular.Notifications.Domain;

/// <summary>
/// One message to one user on one channel about one subject of one type. The unique key (user, type, subject, channel)
/// makes a second attempt to queue it – a repeated event, a reminder job run twice, two instances racing – write nothing.
/// </summary>
internal sealed class NotificationMessage
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary>The contract (account and address) the message is about, when it is about one.</summary>
    public Guid? ContractId { get; set; }

    public string Type { get; set; } = string.Empty;

    /// <summary>What the message is about within its type: an invoice, a window, an outage update (e.g. <c>invoice:{id}</c>).</summary>
    public string SubjectKey { get; set; } = string.Empty;

    public NotificationChannel Channel { get; set; }

    /// <summary>The email address or E.164 number it goes to, as it was when queued.</summary>
    public string Address { get; set; } = string.Empty;

    public string Culture { get; set; } = "ro";

    /// <summary>The template (module's <c>templates/{culture}/{Template}.*</c>).</summary>
    public string Template { get; set; } = string.Empty;

    /// <summary>The template's model as JSON (see <c>Dispatch/ModelJson</c>).</summary>
    public string Model { get; set; } = "{}";

    /// <summary>What to attach, resolved when the email is sent (e.g. <c>invoice-pdf:{invoiceId}</c>).</summary>
    public string? Attachment { get; set; }

    /// <summary>The rendered subject (email) or text (SMS), kept for the notification centre once sent.</summary>
    public string? Summary { get; set; }

    public NotificationStatus Status { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>Not sent before this instant (quiet hours for SMS; otherwise the time it was queued).</summary>
    public Instant NotBefore { get; set; }

    /// <summary>A dispatcher holds the message until then while sending it.</summary>
    public Instant? LeaseUntil { get; set; }

    public int Attempts { get; set; }

    public Instant? SentAt { get; set; }

    public Instant? StatusAt { get; set; }

    /// <summary>The gateway's id of an SMS, which delivery reports name.</summary>
    public string? ProviderId { get; set; }

    public string? LastError { get; set; }
}
