using System.Collections.Concurrent;
using System.Globalization;
using Autofac;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Outbox;
using Modular.Core.Schedules;
using Modular.Core.Testing;
using Modular.Payments.Gateway;
using Modular.Payments.Web.Gateway;
using Modular.Payments.Persistence;
using Modular.TestSupport;
using NodaTime;

namespace Modular.Payments.Tests;

/// <summary>A real web host (Kestrel on 127.0.0.1, free port) with Payments and the Billing/Accounts doubles on a test database.</summary>
public sealed class PaymentsHost : IAsyncDisposable
{
    public const string Secret = "test-sandbox-secret-0123456789";

    private readonly WebApplication _app;

    private PaymentsHost(WebApplication app, FakeClock clock, FakeWorld world, LogSink logs, string pickup)
    {
        Pickup = pickup;
        _app = app;
        Clock = clock;
        World = world;
        Logs = logs;
        BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public FakeClock Clock { get; }

    public FakeWorld World { get; }

    public LogSink Logs { get; }

    public string BaseAddress { get; }

    /// <summary>The folder the host's emails are written to (one .eml per message).</summary>
    public string Pickup { get; }

    public ILifetimeScope Container => _app.Services.GetRequiredService<ILifetimeScope>();

    internal SandboxGateway Sandbox => _app.Services.GetRequiredService<SandboxGateway>();

    /// <param name="environment">The host's environment; outside Development the sandbox runs only when enabled (tests enable it).</param>
    /// <param name="sandbox">Enables the sandbox gateway explicitly, with <see cref="Secret"/>; false leaves both settings unset.</param>
    public static async Task<PaymentsHost> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, string environment = "Testing",
        bool sandbox = true)
    {
        var pickup = Path.Combine(Path.GetTempPath(), "modular-payments-mail-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var configuration = new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = database.Storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = database.Storage.ConnectionString,
            ["Modular:Storage:CommandTimeoutSeconds"] = "60",
            ["Modular:Outbox:DispatchEnabled"] = "false",
            ["Modular:Email:Delivery"] = "Pickup",
            ["Modular:Email:PickupDirectory"] = pickup,
            ["Modular:Payments:Partners:PayPoint:Reference"] = "Cod client",
            ["Modular:Payments:Partners:PayPoint:Amount"] = "Suma",
            ["Modular:Payments:Partners:PayPoint:Date"] = "Data",
            ["Modular:Payments:Partners:PayPoint:DateFormat"] = "dd.MM.yyyy",
            ["Modular:Payments:Partners:PayPoint:TransactionId"] = "ID tranzactie",
            ["Modular:Payments:Partners:PayPoint:Terminal"] = "Terminal",
            ["Modular:Payments:Partners:PayPoint:DecimalSeparator"] = ",",
        };
        if (sandbox)
        {
            configuration["Modular:Payments:Sandbox:Enabled"] = "true";
            configuration["Modular:Payments:Sandbox:Secret"] = Secret;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new LogSink();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 10, 0));
        var world = new FakeWorld();
        builder.AddModular(m => m.UseClock(clock).AddModule(new FakeBillingModule(world)).AddModule(new FakeAccountsModule()).AddPayments());
        var app = builder.Build();
        app.UseRequestLocalization(Localization());
        app.MapPaymentGateways();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new PaymentsHost(app, clock, world, logs, pickup);
    }

    /// <summary>As the portal resolves a request's language: its language cookie, then the browser's Accept-Language.</summary>
    private static RequestLocalizationOptions Localization()
    {
        var cultures = new[] { "ro", "en", "lv" }.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("ro"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        options.RequestCultureProviders =
        [
            new CookieValueCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, ICurrentUser? user = null)
    {
        await using var scope = BeginScope(user);
        return await scope.Resolve<IMediator>().Send(request);
    }

    public ILifetimeScope BeginScope(ICurrentUser? user = null) =>
        Container.BeginCallerScope(user ?? Caller.System);

    internal async Task<T> WithDbAsync<T>(Func<PaymentsDbContext, Task<T>> action)
    {
        await using var scope = BeginScope();
        return await action(scope.Resolve<PaymentsDbContext>());
    }

    internal Task<List<string>> OutboxTypesAsync() =>
        WithDbAsync(db => db.OutboxMessages.Select(m => m.Type).ToListAsync());

    /// <summary>Payloads of outbox events of a type that mention <paramref name="contains"/> (a reference or id).</summary>
    internal Task<List<string>> OutboxPayloadsAsync(string typeName, string contains) =>
        WithDbAsync(db => db.OutboxMessages.Where(m => m.Type.Contains(typeName) && m.Payload.Contains(contains)).Select(m => m.Payload).ToListAsync());

    /// <summary>Every email written so far, parsed.</summary>
    public IReadOnlyList<MailFile> Mail() => Directory.Exists(Pickup)
        ? Directory.GetFiles(Pickup, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f))).ToList()
        : [];

    public IReadOnlyList<MailFile> MailTo(string address) =>
        Mail().Where(m => m.To.Contains(address, StringComparison.OrdinalIgnoreCase)).ToList();

    public Task<int> DrainOutboxAsync() => Container.DrainOutboxAsync();

    /// <summary>Runs the scheduled jobs due at the fake clock's time, as the host's runner would.</summary>
    public Task<IReadOnlyList<ScheduledJobRun>> RunDueJobsAsync() => Container.RunDueJobsAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(Pickup))
        {
            Directory.Delete(Pickup, recursive: true);
        }
    }
}

/// <summary>The portal's plain language cookie (<c>modular.lang=lv</c>).</summary>
internal sealed class CookieValueCultureProvider : RequestCultureProvider
{
    public const string CookieName = "modular.lang";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(httpContext.Request.Cookies[CookieName] is { Length: > 0 } culture ? new ProviderCultureResult(culture) : null);
}

/// <summary>Captures every log message (formatted, with exceptions) so tests can scan them.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
