using Autofac;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;

namespace Modular.Notifications.Tests;

/// <summary>A started host with the Notifications module and a double of Accounts on a test database.</summary>
internal sealed class NotificationsHost(TestHost host, FakeWorld world) : IAsyncDisposable
{
    public TestHost Host { get; } = host;

    public FakeWorld World { get; } = world;

    public FakeClock Clock => Host.Clock;

    public static async Task<NotificationsHost> StartAsync(TestDatabase database, string zone = "Europe/Bucharest", Instant? now = null,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var world = new FakeWorld();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Modular:Time:TimeZone"] = zone };
        var clock = new FakeClock(now ?? LocalAt(zone, 2026, 11, 26, 12));
        var host = await TestHost.StartAsync(database, m => m.AddModule(new FakeAccountsModule(world)).AddNotifications(), all, clock, services);
        return new NotificationsHost(host, world);
    }

    public static Instant LocalAt(string zone, int year, int month, int day, int hour = 0, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb[zone]).ToInstant();

    public void SetLocal(int year, int month, int day, int hour = 12, int minute = 0)
    {
        var zone = Host.Container.Resolve<DateTimeZone>();
        Clock.Set(new LocalDateTime(year, month, day, hour, minute).InZoneLeniently(zone).ToInstant());
    }

    public Task<T> SendAsync<T>(MediatR.IRequest<T> request, ICurrentUser? user = null) => Host.SendAsync(request, user);

    /// <summary>A customer with a contract and one portal user linked to it.</summary>
    public (Customer Customer, Caller User) CustomerWithUser(string culture = "ro")
    {
        var customer = World.AddCustomer();
        return (customer, World.AddUser(culture, customer.CustomerId));
    }

    /// <summary>Gives the user a verified phone number, as the verification page would leave it.</summary>
    public Task<int> VerifyPhoneAsync(Caller user, string number) => Host.WithContextAsync<NotificationsDbContext, int>(db =>
    {
        db.Phones.Add(new UserPhone { UserId = user.UserId!.Value, Number = number, VerifiedAt = Clock.GetCurrentInstant() });
        return db.SaveChangesAsync();
    });

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
