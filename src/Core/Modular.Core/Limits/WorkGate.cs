using System.Diagnostics.Metrics;
using Modular.Core.Diagnostics;

namespace Modular.Core.Limits;

/// <summary>
/// Bounds CPU-heavy work (password hashing) to a few concurrent runs with a short queue, so a flood of such requests
/// cannot take every core from the rest of the traffic: beyond the queue the work is refused at once with
/// <see cref="ServerBusyException"/> (the web answers 503 with Retry-After) instead of piling up.
/// </summary>
public sealed class WorkGate(string name, int maxConcurrent, int maxWaiting, int retryAfterSeconds = 5) : IDisposable
{
    private static readonly Counter<long> Refused = ModularDiagnostics.Meter.CreateCounter<long>(
        "modular.work_gate.refused", description: "Runs of bounded work refused because its queue was full.");

    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrent), Math.Max(1, maxConcurrent));
    private int _waiting;

    public string Name { get; } = name;

    /// <summary>Runs waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Runs <paramref name="work"/> in a slot, waiting in the queue when all are taken; refused when the queue is full.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        if (!_slots.Wait(0))
        {
            if (Interlocked.Increment(ref _waiting) > maxWaiting)
            {
                Interlocked.Decrement(ref _waiting);
                Refused.Add(1, new KeyValuePair<string, object?>("gate", Name));
                throw new ServerBusyException(Name, retryAfterSeconds);
            }

            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}

/// <summary>Bounded work was refused because too much of it is queued: nothing was done; try again after <see cref="RetryAfterSeconds"/>.</summary>
public sealed class ServerBusyException(string gate, int retryAfterSeconds)
    : InvalidOperationException($"Too much '{gate}' work is queued; try again in {retryAfterSeconds} s.")
{
    public string Gate { get; } = gate;

    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
