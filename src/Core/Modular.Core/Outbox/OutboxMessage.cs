using Modular.Core.Events;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>
/// An integration event in its module's outbox. The dispatcher hands it to every consumer registered for its type
/// (one <see cref="OutboxDelivery"/> each, in Core's store) and marks it dispatched; it leaves this hot table for
/// <c>outbox_archive</c> once every delivery is done and the retention period has passed.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The event's CLR type (full name, assembly), resolved when it is delivered.</summary>
    public string Type { get; private set; } = null!;

    public string Payload { get; private set; } = null!;

    public Instant OccurredAt { get; private set; }

    /// <summary>When the dispatcher created its deliveries, one per registered consumer; null while it waits for that.</summary>
    public Instant? DispatchedAt { get; private set; }

    /// <summary>
    /// The row for an event. Modules publish with <c>ModuleDbContext.Publish</c>; a bulk writer that bypasses change tracking
    /// builds the rows here (on any thread) and writes them with <c>ModuleDbContext.WriteOutboxAsync</c>.
    /// </summary>
    public static OutboxMessage From(IIntegrationEvent integrationEvent) => new()
    {
        Id = integrationEvent.EventId,
        Type = IntegrationEventSerializer.TypeName(integrationEvent.GetType()),
        Payload = IntegrationEventSerializer.Serialize(integrationEvent),
        OccurredAt = integrationEvent.OccurredAt,
    };
}

/// <summary>An outbox message moved out of the hot table after its retention period; kept for inspection, then purged.</summary>
public sealed class ArchivedOutboxMessage
{
    private ArchivedOutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    public string Type { get; private set; } = null!;

    public string Payload { get; private set; } = null!;

    public Instant OccurredAt { get; private set; }

    public Instant? DispatchedAt { get; private set; }

    public Instant ArchivedAt { get; private set; }
}

/// <summary>Records that a consumer has handled an event, in the consumer's own transaction.</summary>
public sealed class InboxMessage
{
    private InboxMessage()
    {
    }

    public InboxMessage(Guid eventId, string consumer, Instant processedAt)
    {
        EventId = eventId;
        Consumer = consumer;
        ProcessedAt = processedAt;
    }

    public Guid EventId { get; private set; }

    public string Consumer { get; private set; } = null!;

    public Instant ProcessedAt { get; private set; }
}
