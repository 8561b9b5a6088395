using Autofac;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Core.Testing;
using NodaTime;

namespace Modular.Requests.Tests;

/// <summary>A started host with the Requests module on a test database.</summary>
internal sealed class RequestsHost(TestHost host) : IAsyncDisposable
{
    public TestHost Host { get; } = host;

    public FakeClock Clock => Host.Clock;

    public static async Task<RequestsHost> StartAsync(TestDatabase database, string zone = "Europe/Bucharest", Instant? now = null,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Modular:Time:TimeZone"] = zone };
        var clock = new FakeClock(now ?? LocalAt(zone, 2026, 11, 26, 12));
        var host = await TestHost.StartAsync(database, m => m.AddRequests(), all, clock, services);
        return new RequestsHost(host);
    }

    public static Instant LocalAt(string zone, int year, int month, int day, int hour = 0, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb[zone]).ToInstant();

    public void SetLocal(int year, int month, int day, int hour = 12, int minute = 0)
    {
        var zone = Host.Container.Resolve<DateTimeZone>();
        Clock.Set(new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(zone).ToInstant());
    }

    public Task<T> SendAsync<T>(MediatR.IRequest<T> request, ICurrentUser? user = null) => Host.SendAsync(request, user);

    public static Caller Staff(params string[] roles) => Caller.Staff(Guid.NewGuid(), roles);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
