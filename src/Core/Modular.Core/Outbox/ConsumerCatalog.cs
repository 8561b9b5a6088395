using System.Collections.Concurrent;
using Autofac;
using Autofac.Core;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Events;

namespace Modular.Core.Outbox;

/// <summary>A consumer this host composes: its name, the event type it takes and how it is resolved.</summary>
internal sealed record ConsumerInfo(string Name, Type EventType, string EventTypeName, Type Implementation, int MaxBatchSize);

/// <summary>
/// The consumers this host composes: every <see cref="IIntegrationEventHandler{TEvent}"/> registered in the container,
/// named by <see cref="InboxEventHandler{TEvent,TContext}"/>'s consumer name (or the handler's type name).
/// </summary>
internal sealed class ConsumerCatalog(ILifetimeScope root)
{
    private readonly Lazy<IReadOnlyList<ConsumerInfo>> _consumers = new(() => Build(root));
    private readonly ConcurrentDictionary<(string, string), ConsumerInfo?> _byName = new();

    public IReadOnlyList<ConsumerInfo> All => _consumers.Value;

    public ConsumerInfo? Find(string consumer, string eventTypeName) =>
        _byName.GetOrAdd((consumer, eventTypeName), key => All.FirstOrDefault(c => c.Name == key.Item1 && c.EventTypeName == key.Item2));

    /// <summary>Resolves the consumer in <paramref name="scope"/>.</summary>
    public static object Resolve(ILifetimeScope scope, ConsumerInfo consumer) =>
        ((IEnumerable<object>)scope.Resolve(typeof(IEnumerable<>).MakeGenericType(typeof(IIntegrationEventHandler<>).MakeGenericType(consumer.EventType))))
        .First(h => h.GetType() == consumer.Implementation);

    private static IReadOnlyList<ConsumerInfo> Build(ILifetimeScope root)
    {
        var handlerTypes = root.ComponentRegistry.Registrations
            .SelectMany(r => r.Services).OfType<IServiceWithType>().Select(s => s.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>))
            .Distinct()
            .ToList();
        var consumers = new List<ConsumerInfo>();
        using var scope = root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
        foreach (var handlerType in handlerTypes)
        {
            var eventType = handlerType.GetGenericArguments()[0];
            foreach (var handler in (IEnumerable<object>)scope.Resolve(typeof(IEnumerable<>).MakeGenericType(handlerType)))
            {
                var named = handler as IOutboxConsumer;
                var name = named?.ConsumerName ?? handler.GetType().FullName!;
                var existing = consumers.FirstOrDefault(c => c.Name == name && c.EventType == eventType);
                if (existing is not null)
                {
                    // A module registered twice (two modules in one assembly) yields the same handler again: harmless.
                    if (existing.Implementation != handler.GetType())
                    {
                        throw new ModularConfigurationException(
                            $"Two consumers of {eventType.Name} are both named '{name}' ({existing.Implementation.FullName} and " +
                            $"{handler.GetType().FullName}). Give each its own ConsumerName: the outbox tracks delivery by name.");
                    }

                    continue;
                }

                consumers.Add(new ConsumerInfo(name, eventType, IntegrationEventSerializer.TypeName(eventType), handler.GetType(),
                    Math.Max(1, named?.MaxBatchSize ?? 1)));
            }
        }

        return consumers;
    }
}
