using NodaTime;

namespace Modular.Core.Events;

/// <summary>
/// A fact one module publishes for others. It is written to the publisher's outbox in the same
/// transaction as the state change and delivered after commit, at least once; consumers are
/// idempotent through their inbox, so each consumer sees it once.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique per fact; the inbox de-duplicates on it.</summary>
    Guid EventId { get; }

    Instant OccurredAt { get; }
}

/// <summary>Handles an integration event. Implementations in modules usually derive from Core's inbox handler.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
