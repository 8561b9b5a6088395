using Modular.Core.Events;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>An integration event waiting in its module's outbox until every consumer has handled it.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The event's CLR type (full name, assembly), resolved when it is dispatched.</summary>
    public string Type { get; private set; } = null!;

    public string Payload { get; private set; } = null!;

    public Instant OccurredAt { get; private set; }

    public Instant NextAttemptAt { get; private set; }

    public Instant? ProcessedAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The dispatcher run holding the lease; leases expire so a crashed instance's work is picked up again.</summary>
    public string? LockedBy { get; private set; }

    public Instant? LockedUntil { get; private set; }

    /// <summary>
    /// The row for an event. Modules publish with <c>ModuleDbContext.Publish</c>; a bulk writer that bypasses change tracking
    /// builds the rows here and writes them in the same transaction as the state they announce.
    /// </summary>
    public static OutboxMessage From(IIntegrationEvent integrationEvent) => new()
    {
        Id = integrationEvent.EventId,
        Type = IntegrationEventSerializer.TypeName(integrationEvent.GetType()),
        Payload = IntegrationEventSerializer.Serialize(integrationEvent),
        OccurredAt = integrationEvent.OccurredAt,
        NextAttemptAt = integrationEvent.OccurredAt,
    };
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
