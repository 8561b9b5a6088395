using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device;
using Modular.Kiosks.Device.Journal;
using Modular.Kiosks.Device.Posting;
using Modular.Kiosks.Domain;
using Modular.Kiosks.Persistence;
using Modular.Payments;
using Modular.Payments.Persistence;
using NodaTime;
using Shouldly;

namespace Modular.Kiosks.Tests;

/// <summary>
/// A started host with Payments, Kiosks and the kiosk's device services (simulators, a journal file of its own, no
/// background poster: tests drive it), Accounts and Billing as doubles, on a test database.
/// </summary>
internal sealed class KiosksHost(TestHost host, FakeWorld world, string journalPath, string deviceKey) : IAsyncDisposable
{
    /// <summary>The device key of the kiosk <see cref="SeedKioskAsync"/> stores (the host is configured with it; one per host).</summary>
    public string DeviceKey { get; } = deviceKey;

    public TestHost Host { get; } = host;

    public FakeWorld World { get; } = world;

    public FakeClock Clock => Host.Clock;

    public string JournalPath { get; } = journalPath;

    public KioskDevice Device => Host.Container.Resolve<KioskDevice>();

    public IKioskJournal Journal => Host.Container.Resolve<IKioskJournal>();

    public IKioskPoster Poster => Host.Container.Resolve<IKioskPoster>();

    public static async Task<KiosksHost> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, string? journalPath = null,
        FakeWorld? world = null, string? deviceKey = null)
    {
        deviceKey ??= "test-kiosk-key-" + Guid.NewGuid().ToString("N");
        world ??= new FakeWorld();
        journalPath ??= Path.Combine(Path.GetTempPath(), "modular-tests", "kiosk-journal-" + Guid.NewGuid().ToString("N"), "journal.db");
        var all = new Dictionary<string, string?>
        {
            ["Modular:Time:TimeZone"] = "Europe/Bucharest",
            ["Modular:Kiosk:DeviceKey"] = deviceKey,
            ["Modular:Kiosk:JournalPath"] = journalPath,
            ["Modular:Kiosk:Simulators"] = "true",
            ["Modular:Kiosk:PostInBackground"] = "false",
            ["Modular:Kiosk:DeclineAmounts:0"] = "13",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await TestHost.StartAsync(database,
            m => m.AddModule(new FakeAccountsModule()).AddModule(new FakeBillingModule(world)).AddPayments().AddKiosks().AddKioskDevice(),
            all, new FakeClock(LocalAt(2026, 12, 1, 10)));
        return new KiosksHost(host, world, journalPath, deviceKey);
    }

    public static Instant LocalAt(int year, int month, int day, int hour = 0, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/Bucharest"]).ToInstant();

    public LocalDate Today => Host.Container.Resolve<Core.Time.UtilityClock>().Today;

    public Task<T> SendAsync<T>(MediatR.IRequest<T> request, ICurrentUser? user = null) => Host.SendAsync(request, user);

    public static Caller Staff(params string[] roles) => Caller.Staff(Guid.NewGuid(), roles);

    public static Caller Supervisor { get; } = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]);

    public static Caller Cashier { get; } = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter);

    /// <summary>Stores the kiosk this host's device key belongs to (a code of its own, at <c>CENTRAL</c>).</summary>
    public async Task<Guid> SeedKioskAsync(string? code = null, string centre = "CENTRAL", string? key = null)
    {
        code ??= "K" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        key ??= DeviceKey;
        var id = Guid.NewGuid();
        await Host.WithContextAsync<KiosksDbContext, int>(db =>
        {
            db.Kiosks.Add(Kiosk.WithKey(id, code, centre, "Kiosk " + code, key, Clock.GetCurrentInstant()));
            return db.SaveChangesAsync();
        });
        return id;
    }

    public async Task<Guid> RegisterAsync(string? code = null)
    {
        code ??= "R" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var registered = await SendAsync(new RegisterKiosk(code, "NORD", "Chioșc nord"), Supervisor);
        registered.IsSuccess.ShouldBeTrue(registered.ToString());
        return registered.Value.KioskId;
    }

    /// <summary>Payments taken at kiosks for the entry (its idempotency key), however often it was posted.</summary>
    public Task<int> PaymentsOfEntryAsync(Guid entryId) =>
        Host.WithContextAsync<PaymentsDbContext, int>(db => db.Payments.CountAsync(p => p.IdempotencyKey!.EndsWith(":" + entryId.ToString("D"))));

    public Task<int> TransactionsOfEntryAsync(Guid entryId) =>
        Host.WithContextAsync<KiosksDbContext, int>(db => db.Transactions.CountAsync(t => t.EntryId == entryId));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
