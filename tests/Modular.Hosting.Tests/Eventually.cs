namespace Modular.Hosting.Tests;

/// <summary>Waits for a condition with a deadline (never a fixed sleep): passes as soon as it holds.</summary>
internal static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, int seconds = 30, string? because = null) =>
        Poll.UntilAsync(condition, because ?? "the condition", TimeSpan.FromSeconds(seconds));
}
