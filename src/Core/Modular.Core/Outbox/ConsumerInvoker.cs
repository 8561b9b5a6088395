using System.Collections.Concurrent;
using Modular.Core.Events;

namespace Modular.Core.Outbox;

/// <summary>Calls a consumer of a runtime event type without reflection per call.</summary>
internal abstract class ConsumerInvoker
{
    private static readonly ConcurrentDictionary<Type, ConsumerInvoker> Invokers = new();

    public static ConsumerInvoker For(Type eventType) =>
        Invokers.GetOrAdd(eventType, static t => (ConsumerInvoker)Activator.CreateInstance(typeof(ConsumerInvoker<>).MakeGenericType(t))!);

    public abstract Task HandleAsync(object handler, IIntegrationEvent integrationEvent, CancellationToken cancellationToken);

    /// <summary>A batch in one call when the consumer takes batches, else one event at a time (which then throws on failure).</summary>
    public abstract Task<BatchOutcome> DeliverBatchAsync(object handler, IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken);
}

internal sealed class ConsumerInvoker<TEvent> : ConsumerInvoker
    where TEvent : IIntegrationEvent
{
    public override Task HandleAsync(object handler, IIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        ((IIntegrationEventHandler<TEvent>)handler).HandleAsync((TEvent)integrationEvent, cancellationToken);

    public override async Task<BatchOutcome> DeliverBatchAsync(object handler, IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        if (handler is IBatchConsumer<TEvent> batch)
        {
            return await batch.DeliverBatchAsync(events.Cast<TEvent>().ToList(), cancellationToken);
        }

        throw new InvalidOperationException($"{handler.GetType().Name} takes one event at a time.");
    }
}
