using Autofac;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Modular.Core.Schedules;
using NodaTime;

namespace Modular.Core.Testing;

/// <summary>A real Generic Host composed with <c>AddModular</c> on a test database, started (migrations applied).</summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(IHost host, FakeClock clock, string contentRoot)
    {
        Host = host;
        Clock = clock;
        ContentRoot = contentRoot;
    }

    public IHost Host { get; }

    public FakeClock Clock { get; }

    public string ContentRoot { get; }

    public ILifetimeScope Container => Host.Services.GetRequiredService<ILifetimeScope>();

    public static async Task<TestHost> StartAsync(TestDatabase database, Action<ModularBuilder> modules,
        IDictionary<string, string?>? settings = null, FakeClock? clock = null, Action<IServiceCollection>? services = null)
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "modular-tests", "host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(contentRoot);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = contentRoot,
            DisableDefaults = true,
        });
        var configuration = new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = database.Storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = database.Storage.ConnectionString,
            ["Modular:Storage:CommandTimeoutSeconds"] = database.Storage.CommandTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Chromium starting on a loaded machine can take longer than the production default.
            ["Modular:Documents:Chromium:TimeoutSeconds"] = "300",
            // Tests drive the outbox by hand so they can observe each step.
            ["Modular:Outbox:DispatchEnabled"] = "false",
            // A host without a server has no address of its own to link to.
            ["Modular:Links:Portal"] = "http://localhost:5000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var fakeClock = clock ?? new FakeClock(Instant.FromUtc(2026, 11, 25, 10, 0));
        builder.AddModular(m =>
        {
            m.UseClock(fakeClock);
            modules(m);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestHost(host, fakeClock, contentRoot);
    }

    /// <summary>Sends a request in a new scope as <paramref name="user"/> (the system by default).</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, ICurrentUser? user = null)
    {
        await using var scope = BeginScope(user);
        return await scope.Resolve<IMediator>().Send(request);
    }

    public ILifetimeScope BeginScope(ICurrentUser? user = null) =>
        Container.BeginCallerScope(user ?? Caller.System);

    /// <summary>Runs a query against a module's DbContext in a fresh scope.</summary>
    public async Task<T> WithContextAsync<TContext, T>(Func<TContext, Task<T>> action)
        where TContext : ModuleDbContext
    {
        await using var scope = BeginScope();
        return await action(scope.Resolve<TContext>());
    }

    /// <summary>Delivers pending outbox messages until none is left.</summary>
    public Task<int> DrainOutboxAsync() => Container.DrainOutboxAsync();

    /// <summary>Builds the pending "download my data" archives now; answers how many were stored.</summary>
    public Task<int> BuildPersonalDataExportsAsync() => Container.BuildPersonalDataExportsAsync();

    /// <summary>Runs the scheduled jobs due at the fake clock's time, as the host's runner would, and answers their runs.</summary>
    public Task<IReadOnlyList<ScheduledJobRun>> RunDueJobsAsync() => Container.RunDueJobsAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        try
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
