using System.Diagnostics;

namespace Modular.Hosting.Tests;

/// <summary>Waits for a condition with a deadline (never a fixed sleep): passes as soon as it holds.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, int seconds = 30, string? because = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException(because ?? "The condition did not hold in time.");
            }

            await Task.Delay(20);
        }
    }
}
