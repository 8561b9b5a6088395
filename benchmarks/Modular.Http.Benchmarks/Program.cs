using System.Globalization;
using System.Net.Http.Json;
using Modular.Http.Benchmarks;
using Npgsql;

// The portal over HTTP, as a browser and an API client use it: the web host (Release) on SQLite and PostgreSQL with the
// demo data, each path against a floor in the same run: pages against a signed-in page of the same layout without data,
// served by the same host (this assembly's floor page, loaded as a hosting startup); submissions, PDFs and health against
// a bare ASP.NET Core process (a POST that inserts one row; the same PDF bytes; a trivial endpoint). The load generator
// runs in this process on the same cores.
// Each path is first run unmeasured for a while (third argument, seconds): a long-running host's code is fully tiered by
// the JIT, and a few seconds of warm-up on two busy cores measure the compiler instead.
// Usage: dotnet run -c Release --project benchmarks/Modular.Http.Benchmarks -- [sqlite|postgres|all] [seconds per run] [settle seconds]
if (args.Contains("--bare"))
{
    Bare.Run(args);
    return;
}

const string Floor = "/benchmark/floor";
const string OneQuery = "/benchmark/one-query";
var providers = args.Length > 0 ? args[0].ToLowerInvariant() : "all";
var duration = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
var warmUp = TimeSpan.FromSeconds(Math.Max(1, duration.TotalSeconds / 5));
var settle = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
var folder = AppContext.BaseDirectory;
Console.WriteLine($"HTTP benchmark: {duration.TotalSeconds:F0} s per run after {warmUp.TotalSeconds:F0} s warm-up (each path settled {settle.TotalSeconds:F0} s first), {Environment.ProcessorCount} cores, load {Load.Average()}");

if (providers is "sqlite" or "all")
{
    var data = Directory.CreateTempSubdirectory("modular-http").FullName;
    var database = Path.Combine(data, "modular.db");
    await RunAsync("SQLite", "Sqlite", $"Data Source={database};Default Timeout=30", "sqlite", $"Data Source={Path.Combine(data, "bare.db")};Default Timeout=30", data);
    Directory.Delete(data, recursive: true);
}

if (providers is "postgres" or "all")
{
    var server = Environment.GetEnvironmentVariable("MODULAR_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("MODULAR_TEST_POSTGRES")
        ?? throw new InvalidOperationException("Set MODULAR_BENCH_POSTGRES (or MODULAR_TEST_POSTGRES) to a PostgreSQL server's connection string.");
    var name = "modular_http_" + Guid.NewGuid().ToString("N")[..12];
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
    }

    var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    var data = Directory.CreateTempSubdirectory("modular-http").FullName;
    try
    {
        await RunAsync("PostgreSQL", "Postgres", connection, "postgres", connection, data);
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        Directory.Delete(data, recursive: true);
    }
}

Console.WriteLine($"load average at the end: {Load.Average()}");

async Task RunAsync(string title, string provider, string connection, string bareProvider, string bareConnection, string data)
{
    var environment = new Dictionary<string, string>
    {
        ["Modular__DataFolder"] = data,
        ["Modular__Storage__Provider"] = provider,
        ["Modular__Storage__ConnectionString"] = connection,
        // Every day is in the reading window, so a submission runs the whole write path whatever the date.
        ["Modular__Readings__WindowStartDay"] = "1",
        ["Modular__Web__CredentialAttemptsPerMinute"] = "10000",
        // The log-in flood comes from many addresses through a (loopback) proxy.
        ["Modular__Web__ForwardedHeaders__Enabled"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
    };
    var web = Path.Combine(folder, "Modular.Web.Host.dll");
    // The host runs with this program's dependency file, which also lists this assembly, so it can load the floor page.
    var deps = Path.Combine(folder, "Modular.Http.Benchmarks.deps.json");
    environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = typeof(FloorStartup).Assembly.GetName().Name!;

    // The first start creates the database and loads the demo data (Development only); the measured host is Production.
    await (await WebProcess.StartAsync(web, [], With(environment, ("ASPNETCORE_ENVIRONMENT", "Development"), ("Modular__Demo__Enabled", "true")), deps)).DisposeAsync();
    var results = new List<(string Path, LoadResult Host, LoadResult? Bare)>();
    await using (var host = await WebProcess.StartAsync(web, [], With(environment, ("ASPNETCORE_ENVIRONMENT", "Production")), deps))
    {
        var portal = new Portal(host);
        await portal.LogInAsync();
        await portal.CreateTokenAsync();
        if (!(await portal.PageAsync(Floor)).Contains("<h1>Floor</h1>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The host did not serve the floor page.");
        }

        if (!(await portal.PageAsync(OneQuery)).Contains("<h1>One query</h1>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The host did not serve the one-query page.");
        }

        await SettleAsync(host, portal, null, null);
        var one = await PageRunAsync(host, portal, "dashboard, 1 customer", "/", 50);
        var oneFloor = await PageRunAsync(host, portal, "floor page", Floor, 50);

        await portal.LinkClientCodesAsync(25);
        var meters = await portal.OpenMetersAsync();
        var invoice = await portal.FirstInvoiceAsync();
        using (var api = host.Client(bearer: portal.Token))
        {
            await File.WriteAllBytesAsync(Path.Combine(data, "invoice.pdf"), await api.GetByteArrayAsync($"/api/v1/invoices/{invoice}/pdf"));
        }

        await SettleAsync(host, portal, meters, invoice);

        results.Add(("dashboard, 1 customer, 50 conn.", one, oneFloor));
        foreach (var connections in new[] { 50, 200 })
        {
            var floor = await PageRunAsync(host, portal, "floor page", Floor, connections);
            results.Add(($"dashboard, 25 customers, {connections} conn.", await PageRunAsync(host, portal, "dashboard, 25 customers", "/", connections), floor));
            results.Add(($"invoices, 25 customers, {connections} conn.", await PageRunAsync(host, portal, "invoices, 25 customers", "/Invoices", connections), floor));
        }

        // What bounds the pages: one module query over the floor (a page sends five).
        var floor50 = await PageRunAsync(host, portal, "floor page", Floor, 50);
        results.Add(("bound: floor + one module query, 50 conn.", await PageRunAsync(host, portal, "floor + one query", OneQuery, 50), floor50));

        foreach (var connections in new[] { 16, 64 })
        {
            results.Add(($"reading submission, {connections} conn. ({meters.Count} meters)", await SubmitRunAsync(host, portal.Token, meters, connections, "/api/v1/meters/{0}/readings"), null));
        }

        results.Add(("reading submission, one meter, 16 conn.", await SubmitRunAsync(host, portal.Token, meters.Take(1).ToList(), 16, "/api/v1/meters/{0}/readings"), null));
        results.Add(("invoice PDF over the API, 16 conn.", await Load.RunAsync("invoice PDF", 16, duration, warmUp, _ => host.Client(bearer: portal.Token),
            (c, _, _) => c.GetAsync($"/api/v1/invoices/{invoice}/pdf"), () => host.CpuTime), null));
        // What bounds a stored document's download: the API's own floor, a token checked against the database on every
        // request (a revoked token is refused at once), against the bare trivial endpoint.
        results.Add(("bound: /api/v1/me with a token, 16 conn.", await Load.RunAsync("/api/v1/me", 16, duration, warmUp, _ => host.Client(bearer: portal.Token),
            (c, _, _) => c.GetAsync("/api/v1/me"), () => host.CpuTime), null));
        // Log-ins from rotating addresses saturate password hashing; signed-in pages must keep their speed (issue: a
        // customer's invoice page went from 4 ms to 1.6 s). The floor is the same page without the flood.
        var alone = await PageRunAsync(host, portal, "invoices alone", "/Invoices", 8);
        var flooded = Load.RunAsync("log-in flood", 16, duration + warmUp, TimeSpan.Zero, _ => host.Client(), LogInFlood(host));
        var during = await PageRunAsync(host, portal, "invoices during a log-in flood", "/Invoices", 8);
        var flood = await flooded;
        results.Add(("invoices, 8 conn., during 16 conn. of log-ins", during, alone));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"log-in flood: {flood.PerSecond:F0} posts/s from rotating addresses, {flood.Failed} of {flood.Requests} refused (429/503), p99 {flood.P99:F0} ms"));
        results.Add(("/health/live, 50 conn.", await Load.RunAsync("/health/live", 50, duration, warmUp, _ => host.Client(), (c, _, _) => c.GetAsync("/health/live"), () => host.CpuTime), null));
        results.Add(("/health/ready, 50 conn.", await Load.RunAsync("/health/ready", 50, duration, warmUp, _ => host.Client(), (c, _, _) => c.GetAsync("/health/ready"), () => host.CpuTime), null));
    }

    var self = Path.Combine(folder, "Modular.Http.Benchmarks.dll");
    await using (var bare = await WebProcess.StartAsync(self, ["--bare", "--provider", bareProvider, "--connection", bareConnection,
        "--pdf", Path.Combine(data, "invoice.pdf")], new Dictionary<string, string>()))
    {
        var meters = Enumerable.Range(0, 64).Select(_ => (Guid.NewGuid(), 0m)).ToList();
        for (var i = 0; i < results.Count; i++)
        {
            var (path, measured, known) = results[i];
            var floor = known ?? path switch
            {
                _ when path.StartsWith("reading submission", StringComparison.Ordinal) =>
                    await SubmitRunAsync(bare, null, meters, measured.Connections, "/readings/{0}"),
                _ when path.StartsWith("invoice PDF", StringComparison.Ordinal) =>
                    await Load.RunAsync("bare PDF", measured.Connections, duration, warmUp, _ => bare.Client(), (c, _, _) => c.GetAsync("/document.pdf"), () => bare.CpuTime),
                _ => await Load.RunAsync("bare endpoint", measured.Connections, duration, warmUp, _ => bare.Client(), (c, _, _) => c.GetAsync("/health/live"),
                    () => bare.CpuTime),
            };
            results[i] = (path, measured, floor);
        }
    }

    Console.WriteLine();
    Console.WriteLine($"## {title} (load average {Load.Average()})");
    Console.WriteLine();
    // The CPU ratio is the floor's server CPU per answer over the host's: the throughput ratio the two would reach on
    // cores of their own (PostgreSQL's server processes are not counted; SQLite runs inside the host).
    Console.WriteLine("| path | host | floor | ratio | host CPU/answer | floor CPU/answer | CPU ratio |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
    foreach (var (path, measured, floor) in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {path} | {measured.PerSecond:F0} req/s, p95 {measured.P95:F0} ms, p99 {measured.P99:F0} ms{Failures(measured)} | {floor!.PerSecond:F0} req/s, p99 {floor.P99:F0} ms | {measured.PerSecond / floor.PerSecond:F3} | {measured.CpuMsPerRequest:F2} ms | {floor.CpuMsPerRequest:F3} ms | {floor.CpuMsPerRequest / measured.CpuMsPerRequest:F3} |"));
    }

    var dashboardOne = results[0].Host.PerSecond;
    var dashboardMany = results[1].Host.PerSecond;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n25 customers against 1 (dashboard, 50 conn.): {dashboardMany / dashboardOne:F2}"));
}

// Runs the paths measured next, unmeasured, so the JIT has tiered their code (at most 16 connections: no queue builds).
async Task SettleAsync(WebProcess host, Portal portal, List<(Guid Meter, decimal Index)>? meters, Guid? invoice)
{
    var cookie = portal.SessionCookie;
    var token = portal.Token;
    var counter = 0L;
    await Load.RunAsync("settle", 16, settle, TimeSpan.Zero, _ => host.Client(cookie: cookie, bearer: token), (c, worker, i) =>
        (i % 4, meters, invoice) switch
        {
            (1, _, _) => c.GetAsync("/Invoices"),
            (2, { } m, _) => c.PostAsJsonAsync(string.Format(CultureInfo.InvariantCulture, "/api/v1/meters/{0}/readings", m[worker % m.Count].Meter),
                new BareReading(m[worker % m.Count].Index + (Interlocked.Increment(ref counter) * 0.001m), ConfirmWarnings: true)),
            (3, _, { } id) => c.GetAsync($"/api/v1/invoices/{id}/pdf"),
            (3, _, null) => c.GetAsync(Floor),
            _ => c.GetAsync("/"),
        });
}

async Task<LoadResult> PageRunAsync(WebProcess host, Portal portal, string name, string path, int connections) =>
    await Load.RunAsync(name, connections, duration, warmUp, _ => host.Client(cookie: portal.SessionCookie), (c, _, _) => c.GetAsync(path), () => host.CpuTime);

// Each connection submits to one meter (connections share meters when there are fewer), every index a little above the
// last one sent for that meter, so each submission is accepted and supersedes the previous one of the period.
async Task<LoadResult> SubmitRunAsync(WebProcess target, string? token, List<(Guid Meter, decimal Index)> meters, int connections, string route)
{
    var counters = new long[meters.Count];
    return await Load.RunAsync($"submission ({meters.Count} meters)", connections, duration, warmUp, _ => target.Client(bearer: token), (c, worker, _) =>
    {
        var slot = worker % meters.Count;
        var step = Interlocked.Increment(ref counters[slot]);
        var (meter, index) = meters[slot];
        return c.PostAsJsonAsync(string.Format(CultureInfo.InvariantCulture, route, meter), new BareReading(index + (step * 0.001m), ConfirmWarnings: true));
    }, () => target.CpuTime);
}

// Each connection posts wrong passwords with the log-in form's token, from a new client address every time.
static Func<HttpClient, int, long, Task<HttpResponseMessage>> LogInFlood(WebProcess host)
{
    var forms = new System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<Task<(HttpClient Browser, string Token)>>>();
    return async (_, worker, i) =>
    {
        var (browser, token) = await forms.GetOrAdd(worker, _ => new Lazy<Task<(HttpClient, string)>>(async () =>
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Address };
            var html = await client.GetStringAsync("/Account/Login");
            var value = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            return (client, System.Net.WebUtility.HtmlDecode(value));
        })).Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("Email", $"nobody{worker}@example.com"), new("Password", "wrong-password-" + i),
                new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("X-Forwarded-For", $"198.51.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        // A refused log-in page (200 with the error) is the expected answer; 429/503 are the limits at work.
        return await browser.SendAsync(request);
    };
}

static string Failures(LoadResult result) => result.Failed == 0 ? string.Empty : $", **{result.Failed} non-2xx**";

static Dictionary<string, string> With(Dictionary<string, string> environment, params (string Key, string Value)[] extra)
{
    var copy = new Dictionary<string, string>(environment);
    foreach (var (key, value) in extra)
    {
        copy[key] = value;
    }

    return copy;
}
