using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Events;
using Modular.Notifications.Dispatch;
using Modular.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;

namespace Modular.Notifications.Tests;

/// <summary>A started host with the Notifications module and a double of Accounts on a test database.</summary>
internal sealed class NotificationsHost(TestHost host, FakeWorld world) : IAsyncDisposable
{
    public const string WebhookSecret = "s3cret-shared-with-the-provider";

    public TestHost Host { get; } = host;

    public FakeWorld World { get; } = world;

    public FakeClock Clock => Host.Clock;

    public static async Task<NotificationsHost> StartAsync(TestDatabase database, string zone = "Europe/Bucharest", Instant? now = null,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var world = new FakeWorld();
        var all = new Dictionary<string, string?>
        {
            ["Modular:Time:TimeZone"] = zone,
            ["Modular:Links:Portal"] = "https://portal.example",
            ["Modular:Notifications:WebhookSecret"] = WebhookSecret,
            // Each test's own mail folder (the default is shared by every host of the process).
            ["Modular:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "modular-tests", "mail-" + Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

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

    /// <summary>Delivers integration events to the module's consumers the way the outbox does after another module's commit.</summary>
    public async Task PublishAsync(params IIntegrationEvent[] events)
    {
        await Host.WithContextAsync<NotificationsDbContext, int>(async db =>
        {
            await db.WriteOutboxAsync(events);
            return 0;
        });
        await Host.DrainOutboxAsync();
    }

    /// <summary>Queues an intent as a producer of the module would (in its own transaction).</summary>
    public async Task<int> EnqueueAsync(params NotificationIntent[] intents)
    {
        await using var scope = Host.BeginScope(Caller.System);
        var db = scope.Resolve<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var written = await scope.Resolve<INotificationQueue>().EnqueueManyAsync(intents, CancellationToken.None);
        await transaction.CommitAsync();
        return written;
    }

    /// <summary>One dispatcher pass, as one instance's dispatch job runs it.</summary>
    public async Task<int> DispatchAsync()
    {
        await using var scope = Host.BeginScope(Caller.System);
        return await scope.Resolve<NotificationDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>The messages of this test's users (the database is shared by the class's tests).</summary>
    public Task<List<NotificationMessage>> MessagesAsync()
    {
        var users = World.Users.Keys.ToList();
        return Host.WithContextAsync<NotificationsDbContext, List<NotificationMessage>>(db =>
            db.Messages.AsNoTracking().Where(m => users.Contains(m.UserId)).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());
    }

    public Task<List<SimulatedSms>> SmsAsync() =>
        Host.WithContextAsync<NotificationsDbContext, List<SimulatedSms>>(db => db.SimulatedSms.AsNoTracking().OrderBy(s => s.SentAt).ThenBy(s => s.Id).ToListAsync());

    /// <summary>The emails written to the pickup folder for this test's users (the class's tests share the database).</summary>
    public List<MailFile> Emails()
    {
        var ours = World.Users.Values.Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var folder = ((Modular.Core.Email.PickupDirectoryEmailSender)Host.Container.Resolve<Modular.Core.Email.IEmailSender>()).Directory;
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f))).Where(m => ours.Any(m.To.Contains)).ToList()
            : [];
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
