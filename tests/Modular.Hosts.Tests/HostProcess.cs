using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Modular.Hosts.Tests;

/// <summary>A built host (<c>dotnet Modular.X.dll</c>) running as its own process, its output captured.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, string? url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string? Url { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="assembly">e.g. <c>Modular.Web.Host</c>; the host's files are in the test's output folder.</param>
    /// <param name="web">Give it a free port on 127.0.0.1.</param>
    public static HostProcess Start(string assembly, string workingDirectory, IDictionary<string, string> environment, bool web)
    {
        var url = web ? $"http://127.0.0.1:{FreePort()}" : null;
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, assembly + ".dll") };
        if (url is not null)
        {
            arguments.AddRange(["--urls", url]);
        }

        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new HostProcess(Process.Start(start)!, url);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails early with the output when the process ends.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan deadline)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < deadline)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Url} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync(Url + "/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Url} was not ready within {deadline}:\n{Output}");
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan deadline)
    {
        await Poll.UntilAsync(() => HasExited || Output.Contains(text, StringComparison.Ordinal), $"'{text}' in the output", deadline);
        if (!Output.Contains(text, StringComparison.Ordinal))
        {
            throw new TimeoutException($"No '{text}' in the output:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
