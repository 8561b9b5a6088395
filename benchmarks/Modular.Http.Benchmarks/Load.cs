using System.Diagnostics;
using System.Globalization;

namespace Modular.Http.Benchmarks;

/// <summary>What one load run measured: answers per second, latency percentiles and the answers that were not 2xx.</summary>
public sealed record LoadResult(string Name, int Connections, int Requests, double Seconds, double P50, double P95, double P99, int Failed,
    double CpuSeconds = double.NaN)
{
    public double PerSecond => Requests / Seconds;

    /// <summary>The server process's CPU per answer: on shared cores the rate swings with the load, this much less.</summary>
    public double CpuMsPerRequest => CpuSeconds * 1000 / Requests;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-44} {Connections,4} conn {PerSecond,9:F0} req/s  p50 {P50,7:F1} ms  p95 {P95,7:F1} ms  p99 {P99,7:F1} ms  non-2xx {Failed}");
}

/// <summary>
/// A closed-loop load generator in this process: each connection sends its next request when the previous answered,
/// for a fixed time after a warm-up. It shares the cores with the server, as a load generator on the same machine does.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(string name, int connections, TimeSpan duration, TimeSpan warmUp,
        Func<int, HttpClient> clientFor, Func<HttpClient, int, long, Task<HttpResponseMessage>> send, Func<TimeSpan>? cpu = null)
    {
        // Progress, so a profiler can be attached to the host while the path it is after runs.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {name}, {connections} conn., {(warmUp + duration).TotalSeconds:F0} s"));
        var clients = Enumerable.Range(0, connections).Select(clientFor).ToList();
        var latencies = new List<double>[connections];
        var failed = new int[connections];
        var measuring = false;
        var stop = false;
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            latencies[worker] = new List<double>(4096);
            for (long i = 0; !Volatile.Read(ref stop); i++)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var response = await send(clients[worker], worker, i);
                    await response.Content.LoadIntoBufferAsync();
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }

                if (Volatile.Read(ref measuring))
                {
                    latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    failed[worker] += ok ? 0 : 1;
                }
            }
        })).ToList();

        await Task.Delay(warmUp);
        Volatile.Write(ref measuring, true);
        var cpuAtStart = cpu?.Invoke();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = cpu is null ? double.NaN : (cpu() - cpuAtStart!.Value).TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadResult(name, connections, all.Count, seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), failed.Sum(), cpuSeconds);
    }

    public static string Average() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
