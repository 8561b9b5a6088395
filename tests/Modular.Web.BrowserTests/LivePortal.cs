using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Modular.TestSupport;
using Modular.Web.Tests;

namespace Modular.Web.BrowserTests;

/// <summary>The real portal on Kestrel at 127.0.0.1 and a free port, on a test database.</summary>
public sealed class LivePortal : IAsyncDisposable
{
    private LivePortal(PortalFactory factory, string url)
    {
        Factory = factory;
        Url = url;
    }

    public PortalFactory Factory { get; }

    public string Url { get; }

    public static LivePortal Start(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        // Links (emails, the sandbox page) start with the address Kestrel listens on, as in a real host, not the test
        // server's placeholder address.
        var live = new Dictionary<string, string?> { ["Modular:Links:Portal"] = null };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            live[key] = value;
        }

        var factory = new PortalFactory(database, live);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LivePortal(factory, address.TrimEnd('/'));
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
