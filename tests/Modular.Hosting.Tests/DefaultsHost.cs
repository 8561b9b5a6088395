using System.Globalization;
using System.Net;
using Autofac;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Links;
using Modular.Core.Outbox;
using Modular.Core.Testing;
using Modular.TestSupport;
using NodaTime;

namespace Modular.Hosting.Tests;

/// <summary>
/// A web host composed the way the shipped hosts are (<c>AddModular</c> + <c>AddModularDefaults</c> +
/// <c>MapModularDefaults</c>) on a test database: on the in-memory test server, or on Kestrel at 127.0.0.1 and a free port.
/// </summary>
public sealed class DefaultsHost : IAsyncDisposable
{
    private DefaultsHost(WebApplication app, FakeClock clock, string folder)
    {
        App = app;
        Clock = clock;
        Folder = folder;
    }

    public WebApplication App { get; }

    public FakeClock Clock { get; }

    /// <summary>The host's own folder: content root, data folder and mail pickup live under it.</summary>
    public string Folder { get; }

    public string DataFolder => Path.Combine(Folder, "data");

    public string Pickup => Path.Combine(Folder, "mail");

    public ILifetimeScope Container => App.Services.GetRequiredService<ILifetimeScope>();

    /// <summary>The address Kestrel listens on (null on the test server).</summary>
    public string? Address => App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    public static async Task<DefaultsHost> StartAsync(TestDatabase database, Action<ModularBuilder>? modules = null,
        IDictionary<string, string?>? settings = null, string environment = "Testing", bool kestrel = false,
        Action<IServiceCollection>? services = null, PublicSurface[]? serves = null, string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("modular-hosting").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = folder });
        if (kestrel)
        {
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        var configuration = new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = database.Storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = database.Storage.ConnectionString,
            ["Modular:Storage:CommandTimeoutSeconds"] = database.Storage.CommandTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            // Chromium starting on a loaded machine can take longer than the production default.
            ["Modular:Documents:Chromium:TimeoutSeconds"] = "300",
            ["Modular:Outbox:DispatchEnabled"] = "false",
            ["Modular:DataFolder"] = "data",
            ["Modular:Email:PickupDirectory"] = Path.Combine(folder, "mail"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 10, 0));
        builder.AddModular(m =>
        {
            m.UseClock(clock);
            modules?.Invoke(m);
        });
        builder.AddModularDefaults(serves ?? [PublicSurface.Portal]);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapModularDefaults();
        await app.StartAsync();
        return new DefaultsHost(app, clock, folder);
    }

    public HttpClient Client() => App.GetTestClient();

    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = Container.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
        return await scope.Resolve<IMediator>().Send(request);
    }

    public Task DrainOutboxAsync() => Container.DrainOutboxAsync();

    /// <summary>Every email written to the pickup folder so far.</summary>
    public IReadOnlyList<MailFile> Mail() => Directory.Exists(Pickup)
        ? Directory.GetFiles(Pickup, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f))).ToList()
        : [];

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
