using System.Diagnostics;

namespace Modular.Core.Testing;

/// <summary>
/// Waits for a condition with a deadline, never a fixed sleep: returns as soon as it holds, fails with what was awaited
/// when the deadline passes. The one way tests wait for background work (outbox, dispatchers, mails, other processes).
/// </summary>
public static class Poll
{
    /// <summary>The deadline unless a test says otherwise: long enough for a loaded two-core CI machine.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, deadline);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null) =>
        await ForAsync(async () => await condition() ? true : (bool?)null, what, deadline);

    /// <summary>Polls until <paramref name="probe"/> answers something (not null) and returns it.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var waited = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for: {what}.");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(200, pause.TotalMilliseconds * 2));
        }
    }
}
