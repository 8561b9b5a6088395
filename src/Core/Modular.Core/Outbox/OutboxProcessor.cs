using System.Diagnostics;
using Autofac;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>What one pass did: messages dispatched plus deliveries handled, and the stores that have more to dispatch.</summary>
internal sealed record PassResult(int Handled, IReadOnlyList<string> MoreToDispatch);

/// <summary>
/// Delivers outbox messages to every consumer registered for them, whichever host composes it. A pass dispatches new
/// messages (one delivery per registered consumer, in Core's store) and claims a batch of this host's consumers' due
/// deliveries with a lease, so instances share the work and a crashed instance's batch is taken over when the lease
/// ends. Each consumer gets its events in batches, in its own scope; a delivery is deleted when its consumer has it,
/// retried with back-off when it failed, and dead after <see cref="OutboxOptions.MaxAttempts"/>. Delivery is at least
/// once; consumers de-duplicate through their inbox, so each consumer's effect happens once.
/// </summary>
internal sealed class OutboxProcessor
{
    private readonly ILifetimeScope _root;
    private readonly ModuleStore[] _stores;
    private readonly IClock _clock;
    private readonly OutboxOptions _options;
    private readonly ILogger<OutboxProcessor> _logger;
    private readonly string _host;
    private readonly OutboxQueue _queue;
    private readonly OutboxRegistry _registry;
    private readonly ConsumerCatalog _catalog;
    private readonly SemaphoreSlim _registering = new(1, 1);
    private volatile bool _registered;
    private volatile string[] _knownStores = [];

    internal OutboxProcessor(ILifetimeScope root, IEnumerable<ModuleStore> stores, IClock clock, IOptions<OutboxOptions> options,
        IHostEnvironment environment, OutboxQueue queue, OutboxRegistry registry, ConsumerCatalog catalog, ILogger<OutboxProcessor> logger)
    {
        _root = root;
        _stores = stores.ToArray();
        _clock = clock;
        _options = options.Value;
        _host = environment.ApplicationName;
        _queue = queue;
        _registry = registry;
        _catalog = catalog;
        _logger = logger;
    }

    /// <summary>
    /// Dispatches every store's new messages and delivers one batch per consumer this host composes; answers how many
    /// messages and deliveries it handled (0 when nothing was due).
    /// </summary>
    public async Task<int> ProcessOnceAsync(CancellationToken cancellationToken = default) => (await ProcessAsync(null, cancellationToken)).Handled;

    /// <summary>Moves done messages past their retention to the archive and purges the archive; answers the rows moved or purged.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await EnsureRegisteredAsync(cancellationToken);
        _knownStores = Merge(await _registry.StoresAsync(cancellationToken));
        var now = _clock.GetCurrentInstant();
        var cutoff = now - Duration.FromHours(_options.RetentionHours);
        Instant? purgeBefore = _options.ArchiveDays > 0 ? cutoff - Duration.FromDays(_options.ArchiveDays) : null;
        const int Limit = 5000;
        var total = 0;
        foreach (var store in _knownStores)
        {
            int swept;
            do
            {
                swept = await _registry.SweepAsync(store, cutoff, purgeBefore, now, Limit, cancellationToken);
                total += swept;
            }
            while (swept == Limit);
        }

        OutboxMetrics.Observe(await _registry.BacklogAsync(cancellationToken), now);
        return total;
    }

    /// <summary>Registers this host's stores and consumers in Core's store (once per process; retried until it succeeds).</summary>
    internal async Task EnsureRegisteredAsync(CancellationToken cancellationToken)
    {
        if (_registered)
        {
            return;
        }

        await _registering.WaitAsync(cancellationToken);
        try
        {
            if (_registered)
            {
                return;
            }

            var own = new List<(string Schema, string Module)>();
            await using (var scope = _root.BeginLifetimeScope())
            {
                foreach (var store in _stores)
                {
                    own.Add((scope.ResolveContext(store).Schema, store.Module));
                }
            }

            var subscriptions = _catalog.All.Select(c => (c.Name, c.EventTypeName)).Distinct().ToList();
            var registered = await _registry.RegisterAsync(own, subscriptions, _host, _clock.GetCurrentInstant(), cancellationToken);
            _knownStores = Merge(registered.Concat(own.Select(o => o.Schema)));
            _registered = true;
            _logger.LogInformation("Outbox: {Consumers} consumer(s) registered; dispatching from {Stores}", subscriptions.Count,
                string.Join(", ", _knownStores));
        }
        finally
        {
            _registering.Release();
        }
    }

    /// <summary>One pass: dispatch the given stores (all known ones when null) and deliver one claimed batch.</summary>
    internal async Task<PassResult> ProcessAsync(IReadOnlyCollection<string>? stores, CancellationToken cancellationToken)
    {
        await EnsureRegisteredAsync(cancellationToken);
        var dispatchStores = stores ?? _knownStores;
        var consumers = _catalog.All.Select(c => c.Name).Distinct().Select(name => (name, _options.BatchSize)).ToList();
        var now = _clock.GetCurrentInstant();
        var lease = Guid.NewGuid().ToString("N");
        var claim = await _queue.DispatchAndClaimAsync(dispatchStores, _knownStores, consumers, _options.BatchSize, now, lease,
            now + Duration.FromSeconds(_options.LeaseSeconds), cancellationToken);
        foreach (var (store, count) in claim.Dispatched.Where(d => d.Value > 0))
        {
            OutboxMetrics.Dispatched.Add(count, OutboxMetrics.Store(store));
        }

        if (claim.Claimed.Any(c => !_knownStores.Contains(c.Store)))
        {
            _knownStores = Merge(claim.Claimed.Select(c => c.Store));
        }

        await DeliverAsync(claim.Claimed, lease, cancellationToken);
        return new PassResult(claim.Dispatched.Values.Sum() + claim.Claimed.Count,
            claim.Dispatched.Where(d => d.Value >= _options.BatchSize).Select(d => d.Key).ToList());
    }

    private async Task DeliverAsync(IReadOnlyList<ClaimedDelivery> claimed, string lease, CancellationToken cancellationToken)
    {
        var delivered = new List<ClaimedDelivery>(claimed.Count);
        var failures = new List<DeliveryFailure>();
        var events = new Dictionary<Guid, Events.IIntegrationEvent>(); // a message with several consumers is read once
        try
        {
            // Each consumer in turn, oldest events first; a consumer's failure never touches another consumer's deliveries.
            foreach (var group in claimed.GroupBy(c => c.Consumer).OrderBy(g => g.Min(c => c.OccurredAt)))
            {
                var ready = new List<(ClaimedDelivery Delivery, ConsumerInfo Consumer, Events.IIntegrationEvent Event)>();
                foreach (var delivery in group.OrderBy(c => c.OccurredAt).ThenBy(c => c.MessageId))
                {
                    try
                    {
                        var consumer = delivery.Type is null ? null : _catalog.Find(delivery.Consumer, delivery.Type);
                        if (consumer is null || delivery.Payload is null)
                        {
                            throw new InvalidOperationException(delivery.Payload is null
                                ? $"Message {delivery.MessageId} is no longer in the outbox of store '{delivery.Store}'."
                                : $"Consumer '{delivery.Consumer}' in this host does not take {delivery.Type}.");
                        }

                        if (!events.TryGetValue(delivery.MessageId, out var integrationEvent))
                        {
                            integrationEvent = IntegrationEventSerializer.Deserialize(delivery.Type!, delivery.Payload);
                            events[delivery.MessageId] = integrationEvent;
                        }

                        ready.Add((delivery, consumer, integrationEvent));
                    }
                    catch (Exception ex)
                    {
                        failures.Add(Failure(delivery, ex));
                    }
                }

                foreach (var byType in ready.GroupBy(r => r.Consumer))
                {
                    foreach (var chunk in byType.Chunk(byType.Key.MaxBatchSize))
                    {
                        await DeliverChunkAsync(byType.Key, chunk, delivered, failures, cancellationToken);
                    }
                }
            }
        }
        finally
        {
            // Also after a cancellation: what was delivered is recorded, what was not keeps its lease until it ends.
            try
            {
                await _queue.CompleteAsync(delivered, lease, CancellationToken.None);
                await _queue.FailAsync(failures, lease, CancellationToken.None);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Outbox: recording a stopped pass failed; its deliveries are retried when the lease ends");
            }
        }
    }

    private async Task DeliverChunkAsync(ConsumerInfo consumer, (ClaimedDelivery Delivery, ConsumerInfo Consumer, Events.IIntegrationEvent Event)[] chunk,
        List<ClaimedDelivery> delivered, List<DeliveryFailure> failures, CancellationToken cancellationToken)
    {
        var invoker = ConsumerInvoker.For(consumer.EventType);
        var started = Stopwatch.GetTimestamp();
        var single = chunk.ToList();
        if (chunk.Length > 1)
        {
            BatchOutcome? outcome = null;
            try
            {
                await using var scope = SystemScope();
                outcome = await invoker.DeliverBatchAsync(ConsumerCatalog.Resolve(scope, consumer), chunk.Select(c => c.Event).ToList(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Nothing of the batch committed: each event is delivered on its own, so only the failing one is held back.
                _logger.LogInformation(ex, "Outbox: a batch of {Count} for {Consumer} failed; delivering one by one", chunk.Length, consumer.Name);
            }

            if (outcome is not null)
            {
                single.Clear();
                foreach (var item in chunk)
                {
                    if (outcome.Delivered is null || outcome.Delivered.Contains(item.Event.EventId))
                    {
                        Delivered(item.Delivery, delivered);
                    }
                    else if (outcome.Failed == item.Event.EventId)
                    {
                        failures.Add(Failure(item.Delivery, outcome.Error!));
                    }
                    else
                    {
                        single.Add(item);
                    }
                }
            }
        }

        foreach (var item in single)
        {
            try
            {
                await using var scope = SystemScope();
                await invoker.HandleAsync(ConsumerCatalog.Resolve(scope, consumer), item.Event, cancellationToken);
                Delivered(item.Delivery, delivered);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failures.Add(Failure(item.Delivery, ex));
            }
        }

        OutboxMetrics.BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, OutboxMetrics.Consumer(consumer.Name));
    }

    private void Delivered(ClaimedDelivery delivery, List<ClaimedDelivery> delivered)
    {
        delivered.Add(delivery);
        var consumer = OutboxMetrics.Consumer(delivery.Consumer);
        OutboxMetrics.Delivered.Add(1, consumer);
        OutboxMetrics.Lag.Record(Math.Max(0, (_clock.GetCurrentInstant() - delivery.OccurredAt).TotalSeconds), consumer);
    }

    private DeliveryFailure Failure(ClaimedDelivery delivery, Exception error)
    {
        var attempt = delivery.Attempts + 1;
        var dead = attempt >= _options.MaxAttempts;
        var delay = Math.Min(Math.Pow(2, Math.Min(delivery.Attempts, 20)), _options.MaxRetryDelaySeconds);
        var text = error.ToString();
        var consumer = OutboxMetrics.Consumer(delivery.Consumer);
        if (dead)
        {
            OutboxMetrics.DeadLettered.Add(1, consumer);
            _logger.LogError(error, "Outbox: {Consumer} failed {Type} {EventId} from store {Store} {Attempts} times; it is now a dead letter",
                delivery.Consumer, delivery.Type, delivery.MessageId, delivery.Store, attempt);
        }
        else
        {
            OutboxMetrics.Failed.Add(1, consumer);
            _logger.LogError(error, "Outbox: {Consumer} failed {Type} {EventId} from store {Store} (attempt {Attempt}); retried in {Delay} s",
                delivery.Consumer, delivery.Type, delivery.MessageId, delivery.Store, attempt, delay);
        }

        return new DeliveryFailure(delivery, text.Length > 4000 ? text[..4000] : text,
            _clock.GetCurrentInstant() + Duration.FromSeconds(delay), dead);
    }

    private ILifetimeScope SystemScope() => _root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());

    private string[] Merge(IEnumerable<string> stores) => _knownStores.Concat(stores).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
