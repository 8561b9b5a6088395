using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Npgsql;

namespace Modular.Outbox.Benchmarks;

/// <summary>
/// CPU seconds of this process and, on PostgreSQL, of the server backends serving it (from /proc, same machine): on a
/// shared machine wall-clock time swings with the load, CPU time shows the work itself.
/// </summary>
internal sealed class CpuMeter(BenchDatabase database)
{
    public const string ApplicationName = "modular-outbox-bench";

    private TimeSpan _process;
    private Dictionary<int, double> _backends = [];

    public async Task StartAsync()
    {
        _process = Process.GetCurrentProcess().TotalProcessorTime;
        _backends = await BackendsAsync();
    }

    public async Task<(double Client, double? Server)> StopAsync()
    {
        var client = (Process.GetCurrentProcess().TotalProcessorTime - _process).TotalSeconds;
        if (database.IsSqlite)
        {
            return (client, null);
        }

        var after = await BackendsAsync();
        return (client, after.Sum(b => b.Value - _backends.GetValueOrDefault(b.Key)));
    }

    private async Task<Dictionary<int, double>> BackendsAsync()
    {
        var result = new Dictionary<int, double>();
        if (database.IsSqlite)
        {
            return result;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "bench-meter", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = @a", connection);
        command.Parameters.AddWithValue("a", ApplicationName);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            var path = $"/proc/{pid}/stat";
            if (File.Exists(path))
            {
                var fields = File.ReadAllText(path).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                result[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
        }

        return result;
    }
}

/// <summary>Samples the working set every 100 ms; <see cref="Peak"/> is the highest seen.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public MemorySampler()
    {
        _peak = Environment.WorkingSet;
        _timer = new Timer(_ => Sample(), null, 0, 100);
    }

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}

/// <summary>Sums the outbox's per-consumer batch durations (modular.outbox.batch.duration) while it lives.</summary>
internal sealed class ConsumerTimes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _seconds = new();

    public ConsumerTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "modular.outbox.batch.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "consumer" && tag.Value is string consumer)
                {
                    _seconds.AddOrUpdate(consumer, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    public override string ToString() => string.Join(", ", _seconds.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:F1}"));

    public void Dispose() => _listener.Dispose();
}
