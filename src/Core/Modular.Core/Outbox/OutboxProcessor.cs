using System.Collections.Concurrent;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Events;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>
/// Delivers outbox messages to their consumers. A batch is claimed with a lease (so two instances do not work on
/// the same messages, and a crashed instance's batch is taken over when its lease ends), each consumer runs in its
/// own scope, and a message is marked processed only after every consumer succeeded. Delivery is at least once;
/// consumers de-duplicate through their inbox, so the effect is exactly once.
/// </summary>
public sealed class OutboxProcessor(
    ILifetimeScope root,
    IEnumerable<ModuleStore> stores,
    IClock clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxProcessor> logger)
{
    private static readonly ConcurrentDictionary<Type, Func<object, IIntegrationEvent, CancellationToken, Task>> Invokers = new();
    private readonly ModuleStore[] _stores = stores.ToArray();

    /// <summary>Processes one batch from every module's outbox; returns how many messages were handled.</summary>
    public async Task<int> ProcessOnceAsync(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        foreach (var store in _stores)
        {
            handled += await ProcessStoreAsync(store, cancellationToken);
        }

        return handled;
    }

    private async Task<int> ProcessStoreAsync(ModuleStore store, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var lease = Guid.NewGuid().ToString("N");
        List<OutboxMessage> claimed;
        await using (var scope = root.BeginLifetimeScope())
        {
            var db = scope.ResolveContext(store);
            var now = clock.GetCurrentInstant();
            var candidates = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.ProcessedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(settings.BatchSize)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return 0;
            }

            // The lease condition is repeated on the update itself, so of two dispatchers racing for a row only one gets it.
            var leaseUntil = now + Duration.FromSeconds(settings.LeaseSeconds);
            await db.OutboxMessages
                .Where(m => candidates.Contains(m.Id) && m.ProcessedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, lease).SetProperty(m => m.LockedUntil, leaseUntil), cancellationToken);
            claimed = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.LockedBy == lease)
                .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
                .ToListAsync(cancellationToken);
        }

        foreach (var message in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await DeliverAsync(store, message, lease, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(ModuleStore store, OutboxMessage message, string lease, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            var integrationEvent = IntegrationEventSerializer.Deserialize(message.Type, message.Payload);
            var handlerType = typeof(IIntegrationEventHandler<>).MakeGenericType(integrationEvent.GetType());
            var invoke = Invokers.GetOrAdd(integrationEvent.GetType(), CreateInvoker);
            int count;
            await using (var probe = root.BeginLifetimeScope())
            {
                count = ((IEnumerable<object>)probe.Resolve(typeof(IEnumerable<>).MakeGenericType(handlerType))).Count();
            }

            // Each consumer gets its own scope (and DbContexts): one failing consumer does not undo another's work.
            for (var i = 0; i < count; i++)
            {
                await using var scope = root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
                var handler = ((IEnumerable<object>)scope.Resolve(typeof(IEnumerable<>).MakeGenericType(handlerType))).ElementAt(i);
                await invoke(handler, integrationEvent, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            error = ex.ToString();
            logger.LogError(ex, "Delivering {Type} {EventId} from module {Module} failed (attempt {Attempt})",
                message.Type, message.Id, store.Module, message.Attempts + 1);
        }

        await using var markScope = root.BeginLifetimeScope();
        var db = markScope.ResolveContext(store);
        var now = clock.GetCurrentInstant();
        if (error is null)
        {
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == lease)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntil, (Instant?)null), CancellationToken.None);
        }
        else
        {
            var delay = Math.Min(Math.Pow(2, Math.Min(message.Attempts, 20)), options.Value.MaxRetryDelaySeconds);
            var next = now + Duration.FromSeconds(delay);
            var trimmed = error.Length > 4000 ? error[..4000] : error;
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == lease)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, trimmed)
                    .SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntil, (Instant?)null), CancellationToken.None);
        }
    }

    private static Func<object, IIntegrationEvent, CancellationToken, Task> CreateInvoker(Type eventType)
    {
        var method = typeof(OutboxProcessor).GetMethod(nameof(Invoke), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(eventType);
        return method.CreateDelegate<Func<object, IIntegrationEvent, CancellationToken, Task>>();
    }

    private static Task Invoke<TEvent>(object handler, IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent =>
        ((IIntegrationEventHandler<TEvent>)handler).HandleAsync((TEvent)integrationEvent, cancellationToken);
}
