using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Autofac;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device;
using NodaTime;
using Shouldly;

namespace Modular.Hosts.Tests.KioskScreens;

/// <summary>
/// The real kiosk host on a test database, with a fake clock, the simulators, its own journal file and printer folder.
/// <see cref="StartRegisteredAsync"/> gives a kiosk whose device key the back office issued (a first start of the host
/// loads the demo data and registers the kiosk; the second runs with the key, as an installed kiosk does).
/// </summary>
public sealed partial class KioskFactory : WebApplicationFactory<Modular.Kiosk.HostMarker>
{
    private readonly Dictionary<string, string?> _settings;

    public KioskFactory(TestDatabase database, IDictionary<string, string?>? settings = null, FakeClock? clock = null)
    {
        Clock = clock ?? new FakeClock(Instant.FromUtc(2026, 11, 25, 10, 0));
        var folder = Path.Combine(Path.GetTempPath(), "modular-tests", "kiosk-" + Guid.NewGuid().ToString("N"));
        PrinterFolder = Path.Combine(folder, "printer");
        _settings = new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = database.Storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = database.Storage.ConnectionString,
            ["Modular:Storage:CommandTimeoutSeconds"] = database.Storage.CommandTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["Modular:Printing:Folder"] = PrinterFolder,
            ["Modular:Email:PickupDirectory"] = Path.Combine(folder, "pickup"),
            ["Modular:Kiosk:JournalPath"] = Path.Combine(folder, "journal.db"),
            ["Modular:Kiosk:Simulators"] = "true",
            ["Modular:Links:Kiosk"] = "http://localhost",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public FakeClock Clock { get; }

    /// <summary>Where Kestrel listens, when started on it.</summary>
    public string? Url { get; private set; }

    /// <summary>Where the simulated receipt printer writes its jobs (<c>{folder}/{centre}-{kiosk}/{reference}.bin</c>).</summary>
    public string PrinterFolder { get; }

    /// <summary>A kiosk host with the demo data, registered as kiosk <paramref name="code"/> at the demo's central desk centre.</summary>
    /// <param name="kestrel">Listen on Kestrel at 127.0.0.1 and a free port (<see cref="Url"/>), for a real browser.</param>
    public static async Task<KioskFactory> StartRegisteredAsync(TestDatabase database, IDictionary<string, string?>? settings = null, string code = "T-K1",
        bool kestrel = false)
    {
        string key;
        await using (var first = new KioskFactory(database, new Dictionary<string, string?> { ["Modular:Demo:Enabled"] = "true" }))
        {
            _ = first.Server;
            await first.Services.GetRequiredService<ILifetimeScope>().DrainOutboxAsync();
            var registered = await first.Services.SendAsAsync(Caller.System, new RegisterKiosk(code, "CENTRAL", "Test kiosk " + code));
            registered.IsSuccess.ShouldBeTrue(registered.IsFailure ? registered.Error.Code : null);
            key = registered.Value.DeviceKey;
        }

        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Modular:Kiosk:DeviceKey"] = key };
        var kiosk = new KioskFactory(database, configuration);
        if (kestrel)
        {
            kiosk.StartOnKestrel();
        }
        else
        {
            _ = kiosk.Server;
        }

        (await kiosk.Services.GetRequiredService<KioskDevice>().RefreshAsync(CancellationToken.None)).ShouldBeTrue("the registered kiosk may take payments");
        return kiosk;
    }

    /// <summary>Starts the host on Kestrel at 127.0.0.1 and a free port (<see cref="Url"/>), for a real browser.</summary>
    public void StartOnKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        Url = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async Task<T> AsSystemAsync<T>(Func<IMediator, Task<T>> action)
    {
        await using var scope = Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.System);
        return await action(scope.Resolve<IMediator>());
    }

    /// <summary>Delivers the outbox's messages now (Billing applies a payment from Payments' event).</summary>
    public Task<int> DrainOutboxAsync() => Services.GetRequiredService<ILifetimeScope>().DrainOutboxAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    });

    /// <summary>Posts a form of <paramref name="page"/> (its antiforgery token read from the page first).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, params (string Name, string? Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var token = TokenInput().Match(html);
        token.Success.ShouldBeTrue("the page has no antiforgery token: " + html);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value ?? string.Empty)).ToList();
        values.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
