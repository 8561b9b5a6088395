using NodaTime;

namespace Modular.Requests.Domain;

/// <summary>Who wrote a message of a request's thread.</summary>
internal enum MessageAuthor
{
    Customer,
    Staff,
}

/// <summary>
/// One message of a request's thread: the customer's text, a staff answer, or a staff member's internal note (never shown
/// to the customer).
/// </summary>
internal sealed class RequestMessage
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public MessageAuthor Author { get; set; }

    /// <summary>The portal user's or the staff member's id.</summary>
    public Guid? AuthorId { get; set; }

    public string Body { get; set; } = string.Empty;

    public bool Internal { get; set; }

    public Instant PostedAt { get; set; }

    /// <summary>The key of the customer's reply form: the same reply sent twice is stored once.</summary>
    public string? IdempotencyKey { get; set; }
}
