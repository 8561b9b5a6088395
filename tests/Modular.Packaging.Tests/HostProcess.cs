using System.Diagnostics;
using System.Text;

namespace Modular.Packaging.Tests;

/// <summary>A built host started with <c>dotnet Name.dll</c> in its project folder; its output is kept for the report.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public static HostProcess Start(string folder, string name, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "bin", "Debug", "net10.0", name + ".dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var host = new HostProcess(new Process { StartInfo = start });
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Ends the host (and anything it started) and answers what it printed.</summary>
    public string Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        lock (_output)
        {
            return _output.ToString();
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

/// <summary>Waits for a condition with a deadline, failing early when the processes it depends on are gone.</summary>
internal static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, Func<bool> gone, TimeSpan? deadline = null) =>
        await ValueAsync(async () => await condition() ? (object)true : null, what, gone, deadline);

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, Func<bool> gone, TimeSpan? deadline = null)
        where T : class
    {
        var until = Stopwatch.StartNew();
        var limit = deadline ?? TimeSpan.FromMinutes(2);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (gone())
            {
                throw new InvalidOperationException($"A host exited before {what}.");
            }

            if (until.Elapsed > limit)
            {
                throw new TimeoutException($"Not within {limit}: {what}.");
            }

            await Task.Delay(250);
        }
    }
}
