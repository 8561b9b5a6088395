using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Modular.Payments.Benchmarks;

/// <summary>
/// CPU seconds spent by this process and, on PostgreSQL, by the server backends serving it (read from /proc, same
/// machine). On a shared machine wall-clock time swings with the load; CPU time shows the work itself.
/// </summary>
internal sealed class CpuMeter
{
    public const string ApplicationName = "modular-payments-bench";

    private readonly string? _server;
    private TimeSpan _process;
    private Dictionary<int, double> _backends = [];

    public CpuMeter(Database database) => _server = database.Provider == "Postgres" ? database.ConnectionString : null;

    public async Task StartAsync()
    {
        _process = Process.GetCurrentProcess().TotalProcessorTime;
        _backends = await BackendsAsync();
    }

    public async Task<(double Client, double? Server)> StopAsync()
    {
        var client = (Process.GetCurrentProcess().TotalProcessorTime - _process).TotalSeconds;
        if (_server is null)
        {
            return (client, null);
        }

        var after = await BackendsAsync();
        return (client, after.Sum(b => b.Value - _backends.GetValueOrDefault(b.Key)));
    }

    private async Task<Dictionary<int, double>> BackendsAsync()
    {
        var result = new Dictionary<int, double>();
        if (_server is null)
        {
            return result;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { ApplicationName = "bench-meter", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = @a", connection);
        command.Parameters.AddWithValue("a", ApplicationName);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            if (Seconds(pid) is { } seconds)
            {
                result[pid] = seconds;
            }
        }

        return result;
    }

    /// <summary>utime + stime of a process, in seconds (fields 14 and 15 of /proc/pid/stat, in clock ticks of 1/100 s).</summary>
    private static double? Seconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        var fields = File.ReadAllText(path).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
