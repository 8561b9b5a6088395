using System.Collections.Concurrent;

namespace Modular.Core.Outbox;

/// <summary>
/// Wakes the dispatcher when a commit has written outbox messages, and says into which store, so the dispatcher
/// looks at that store's outbox only instead of polling every module after every commit.
/// </summary>
internal sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private readonly ConcurrentDictionary<string, byte> _stores = new(StringComparer.Ordinal);

    /// <summary>Outbox rows of the store with this schema were committed.</summary>
    internal void Notify(string store)
    {
        _stores[store] = 0;
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit already woke the dispatcher.
            }
        }
    }

    /// <summary>The stores signalled since the last call.</summary>
    internal IReadOnlyList<string> TakeStores()
    {
        var taken = new List<string>();
        foreach (var store in _stores.Keys)
        {
            if (_stores.TryRemove(store, out _))
            {
                taken.Add(store);
            }
        }

        return taken;
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
