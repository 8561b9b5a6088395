using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modular.Core.Testing;
using Modular.TestSupport;
using Modular.Web.Security;
using NodaTime;
using Shouldly;

namespace Modular.Web.Tests;

/// <summary>The real portal host on a test database, with a fake clock, a private pickup folder and a test-only sign-in.</summary>
public sealed partial class PortalFactory : WebApplicationFactory<HostMarker>
{
    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;

    public PortalFactory(TestDatabase database, IDictionary<string, string?>? settings = null, FakeClock? clock = null)
    {
        _database = database;
        Clock = clock ?? new FakeClock(Instant.FromUtc(2026, 11, 25, 10, 0));
        PickupFolder = Path.Combine(Path.GetTempPath(), "modular-tests", "pickup-" + Guid.NewGuid().ToString("N"));
        PrinterFolder = Path.Combine(Path.GetTempPath(), "modular-tests", "printer-" + Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = database.Storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = database.Storage.ConnectionString,
            ["Modular:Storage:CommandTimeoutSeconds"] = database.Storage.CommandTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            // Chromium starting on a loaded machine can take longer than the production default.
            ["Modular:Documents:Chromium:TimeoutSeconds"] = "300",
            ["Modular:Email:PickupDirectory"] = PickupFolder,
            ["Modular:Printing:Folder"] = PrinterFolder,
            ["Modular:Web:CredentialAttemptsPerMinute"] = "1000",
            // The test server listens nowhere; links in emails start with the test client's address.
            ["Modular:Links:Portal"] = "http://localhost",
            // Outside Development the sandbox gateway runs only when enabled, and never with the published secret.
            ["Modular:Payments:Sandbox:Enabled"] = "true",
            ["Modular:Payments:Sandbox:Secret"] = "portal-tests-sandbox-secret",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public FakeClock Clock { get; }

    /// <summary>The host's environment; <c>Testing</c> unless a test needs another (e.g. Production's refusals).</summary>
    public string Environment { get; init; } = "Testing";

    public string PickupFolder { get; }

    /// <summary>Where the simulated receipt printers write their jobs.</summary>
    public string PrinterFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            services.AddSingleton<IStartupFilter>(new TestRemoteAddress());
            services.AddSingleton<IStartupFilter>(new TestSignIn());
        });
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Log)));
    }

    /// <summary>Warnings and errors the host logged, as rendered messages.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The client address the test server reports for requests carrying this header (TestServer has none of its own).</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    /// <summary>The test-only sign-in, answered at the end of the portal's pipeline instead of before it.</summary>
    public const string LateSignInPath = "/test/late-sign-in";

    /// <summary>A client that keeps cookies and does not follow redirects (tests look at them).</summary>
    public HttpClient Client(bool https = false) => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
    });

    /// <summary>A client signed in as <paramref name="userId"/> through the test-only endpoint (the portal's own session code).</summary>
    public async Task<HttpClient> SignedInClientAsync(Guid userId, string? culture = null, bool https = false)
    {
        var client = Client(https);
        var response = await client.GetAsync($"/test/sign-in?user={userId}&culture={culture}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return client;
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return AntiforgeryToken(html);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenInput().Match(html);
        match.Success.ShouldBeTrue("the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string token, params (string Name, string? Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value ?? string.Empty)).ToList();
        values.Add(new("__RequestVerificationToken", token));
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    private sealed class TestRemoteAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Enqueue(formatter(state, exception));
                }
            }
        }
    }

    private sealed class TestSignIn : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/test/sign-in")
                {
                    await nextMiddleware(context);
                    return;
                }

                await SignInAsync(context);
            });
            next(app);

            // The same after the portal's whole pipeline (forwarded headers, security headers, …), for tests of what it
            // does to the session cookie; reached because no endpoint of the portal matches this path.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != LateSignInPath)
                {
                    await nextMiddleware(context);
                    return;
                }

                await SignInAsync(context);
            });
        };

        private static Task SignInAsync(HttpContext context)
        {
            var user = Guid.Parse(context.Request.Query["user"]!);
            return PortalSession.SignInAsync(context, user, $"user-{user:N}@example.com", context.Request.Query["culture"]);
        }
    }
}
