using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

// Start time (process start to the first 200 on /health/live) and idle memory (RSS 10 s after that) of the web host on
// SQLite, against a bare ASP.NET Core app (this program with --bare: one endpoint) measured in the same run. Variants
// switch one runtime or host setting each, to show where time and memory go.
// Usage: dotnet run -c Release --project benchmarks/Modular.Hosting.Benchmarks -- [runs] [settle seconds]
if (args.Contains("--bare"))
{
    var bare = WebApplication.CreateSlimBuilder(args);
    var app = bare.Build();
    app.MapGet("/health/live", () => "Healthy");
    app.Run();
    return;
}

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var settle = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
var folder = AppContext.BaseDirectory;
var self = Path.Combine(folder, "Modular.Hosting.Benchmarks.dll");
var web = Path.Combine(folder, "Modular.Web.Host.dll");
Console.WriteLine($"Host start benchmark: {runs} runs each, RSS read {settle.TotalSeconds:F0} s after the first answer, {Environment.ProcessorCount} cores, load {Load()}");

var data = Directory.CreateTempSubdirectory("modular-start").FullName;
var baseEnvironment = new Dictionary<string, string> { ["Modular__DataFolder"] = data, ["ASPNETCORE_ENVIRONMENT"] = "Production" };

// The first start creates the database and loads the demo data (asked for, as in Development; Production refuses it);
// later starts are the warm case measured below, and find the database not empty.
var demo = new Dictionary<string, string>
{
    ["Modular__DataFolder"] = data, ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Modular__Demo__Enabled"] = "true",
};
var first = await MeasureAsync(web, demo, TimeSpan.FromSeconds(2));
Console.WriteLine($"first start (empty database, migrations and demo data): {first.Start.TotalSeconds:F2} s, {first.RssMb} MB");

var variants = new List<(string Name, string Dll, Dictionary<string, string> Environment)>
{
    ("bare ASP.NET Core", self, new Dictionary<string, string>()),
    ("web host as shipped", web, baseEnvironment),
    ("web, workstation GC", web, With(baseEnvironment, ("DOTNET_gcServer", "0"))),
    ("web, no tiered PGO", web, With(baseEnvironment, ("DOTNET_TieredPGO", "0"))),
    ("web, demo data asked for", web, demo),
    ("web, no trim after start", web, With(baseEnvironment, ("Modular__TrimAfterStart", "false"))),
};

var results = new List<(string Name, double Start, double Rss)>();
foreach (var (name, dll, environment) in variants)
{
    var measured = new List<(TimeSpan Start, long RssMb)>();
    for (var run = 0; run < runs; run++)
    {
        measured.Add(await MeasureAsync(dll, environment, settle, bare: dll == self));
    }

    var start = Median(measured.Select(m => m.Start.TotalSeconds));
    var rss = Median(measured.Select(m => (double)m.RssMb));
    results.Add((name, start, rss));
}

var baseline = results[0];
Console.WriteLine();
Console.WriteLine($"{"variant",-24} {"start (median)",15} {"idle RSS (median)",18} {"start ratio",12} {"RSS ratio",10}");
foreach (var (name, start, rss) in results)
{
    Console.WriteLine($"{name,-24} {start,13:F2} s {rss,15:F0} MB {start / baseline.Start,11:F1}x {rss / baseline.Rss,9:F1}x");
}

Console.WriteLine($"load average at the end: {Load()}");
Directory.Delete(data, recursive: true);

static async Task<(TimeSpan Start, long RssMb)> MeasureAsync(string dll, IDictionary<string, string> environment, TimeSpan settle, bool bare = false)
{
    var port = FreePort();
    var arguments = new List<string> { dll, "--urls", $"http://127.0.0.1:{port}" };
    if (bare)
    {
        arguments.Add("--bare");
    }

    var start = new ProcessStartInfo("dotnet", arguments)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = Path.GetTempPath(),
    };
    foreach (var (key, value) in environment)
    {
        start.Environment[key] = value;
    }

    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    try
    {
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{dll} exited with {process.ExitCode}");
            }

            try
            {
                if ((await client.GetAsync($"http://127.0.0.1:{port}/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(5);
        }

        var started = clock.Elapsed;
        await Task.Delay(settle);
        return (started, Rss(process.Id));
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

static long Rss(int pid) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static Dictionary<string, string> With(Dictionary<string, string> environment, params (string Key, string Value)[] extra)
{
    var copy = new Dictionary<string, string>(environment);
    foreach (var (key, value) in extra)
    {
        copy[key] = value;
    }

    return copy;
}

static int FreePort()
{
    using var socket = new TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}
