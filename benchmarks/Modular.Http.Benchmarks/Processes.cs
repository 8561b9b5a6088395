using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Modular.Http.Benchmarks;

/// <summary>A web process started for the run (the host or the bare floor), stopped with its process tree.</summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WebProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>CPU time the process has used (all its threads): work per request whatever else shares the cores.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <param name="depsFile">Another application's dependency file to run the assembly with (one that also lists that application's assemblies).</param>
    public static async Task<WebProcess> StartAsync(string dll, IEnumerable<string> arguments, IDictionary<string, string> environment, string? depsFile = null)
    {
        var port = FreePort();
        string[] exec = depsFile is null ? [dll] : ["exec", "--depsfile", depsFile, dll];
        var start = new ProcessStartInfo("dotnet", [.. exec, "--urls", $"http://127.0.0.1:{port}", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var errors = new List<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.Add(e.Data ?? string.Empty);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                lock (errors)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} did not start: " + string.Join('\n', errors.TakeLast(20)));
                }
            }

            try
            {
                if ((await client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return new WebProcess(process, address);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A client of its own (its own connection), optionally carrying a cookie header.</summary>
    public HttpClient Client(string? cookie = null, string? bearer = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 1 })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
