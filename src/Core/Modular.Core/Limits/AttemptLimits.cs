using NodaTime;

namespace Modular.Core.Limits;

/// <summary>
/// How many attempts a key gets: <see cref="Threshold"/> failures within <see cref="Window"/> are free; from then on each
/// further attempt waits <see cref="BaseDelay"/> after the last failure, doubled per further failure up to
/// <see cref="MaxDelay"/>. Failures older than the window are forgotten.
/// </summary>
public sealed record AttemptRule(int Threshold, Duration BaseDelay, Duration MaxDelay, Duration Window)
{
    /// <summary>The wait after <paramref name="failures"/> failures (zero below the threshold).</summary>
    public Duration DelayAfter(int failures)
    {
        if (failures < Threshold)
        {
            return Duration.Zero;
        }

        var doublings = Math.Min(failures - Threshold, 30);
        var delay = BaseDelay * Math.Pow(2, doublings);
        return delay > MaxDelay ? MaxDelay : delay;
    }
}

/// <summary>
/// One thing attempts are counted for (a user, a client code, a client's network). <paramref name="ResetOnSuccess"/>: a
/// success forgets its failures (the subject of the attempts, e.g. a client code whose proof someone knew); otherwise a
/// success only does not count (a user or a network that keeps guessing elsewhere stays slowed down).
/// </summary>
public sealed record AttemptKey(string Key, AttemptRule Rule, bool ResetOnSuccess = false)
{
    public const int MaxLength = 200;
}

/// <summary>An attempt taken under its keys, or refused because one of them waits (<see cref="RetryAfter"/>).</summary>
public sealed class AttemptReservation
{
    internal AttemptReservation(IReadOnlyList<AttemptKey> keys, AttemptKey? refusedBy, Duration retryAfter)
    {
        Keys = keys;
        RefusedBy = refusedBy;
        RetryAfter = retryAfter;
    }

    public IReadOnlyList<AttemptKey> Keys { get; }

    public bool IsRefused => RefusedBy is not null;

    /// <summary>The key whose back-off refused the attempt.</summary>
    public AttemptKey? RefusedBy { get; }

    public Duration RetryAfter { get; }

    /// <summary>Whole seconds to wait, at least one.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// Counts attempts at something guessable (a registration proof, a look-up by code) per key in Core's store, so the
/// back-off holds across every instance. An attempt counts as a failure from the moment it is taken, before it is checked,
/// so a burst of concurrent attempts cannot slip past the threshold; <see cref="SucceededAsync"/> takes it back. Take the
/// attempt before a command's first write: its counting must stand when the command fails.
/// </summary>
public interface IAttemptLimiter
{
    Task<AttemptReservation> BeginAsync(IReadOnlyList<AttemptKey> keys, CancellationToken cancellationToken = default);

    Task SucceededAsync(AttemptReservation reservation, CancellationToken cancellationToken = default);
}
