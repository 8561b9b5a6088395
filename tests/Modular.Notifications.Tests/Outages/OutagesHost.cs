using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;
using Shouldly;

namespace Modular.Notifications.Tests.Outages;

/// <summary>
/// A started host with the real Accounts module (premises from its import, with coordinates; confirmed users linked to
/// customers) and Notifications, on a test database.
/// </summary>
internal sealed class OutagesHost(TestHost host) : IAsyncDisposable
{
    public const string Zone = "Europe/Bucharest";

    // One counter for the whole test run: the tests of a class share their database, so a client code must never repeat
    // (a repeat would import into an earlier test's customer and user, with that test's messages).
    private static int s_customers;

    public TestHost Host { get; } = host;

    public static Caller Supervisor { get; } = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]);

    public static async Task<OutagesHost> StartAsync(TestDatabase database) =>
        new(await TestHost.StartAsync(database, m => m.AddAccounts().AddNotifications(),
            new Dictionary<string, string?> { ["Modular:Time:TimeZone"] = Zone }, new FakeClock(Local(2026, 12, 1, 9))));

    public static Instant Local(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb[Zone]).ToInstant();

    /// <summary>
    /// A customer with one contract at <paramref name="address"/> (optionally with coordinates) and a confirmed user linked to
    /// it: a new one, or the one signing in with <paramref name="email"/>.
    /// </summary>
    public async Task<Premises> PremisesAsync(string address, double? latitude = null, double? longitude = null, string services = "water;sewerage",
        string? email = null)
    {
        var n = Interlocked.Increment(ref s_customers);
        var clientCode = (7_000_000 + n).ToString(CultureInfo.InvariantCulture);
        var contract = $"CT-{clientCode}-1";
        var csv = "client_code,legal_type,name,contract_number,service_address,services,start_date,latitude,longitude\n"
            + $"{clientCode},individual,Client {n},{contract},\"{address}\",{services},2020-01-01,"
            + $"{latitude?.ToString(CultureInfo.InvariantCulture)},{longitude?.ToString(CultureInfo.InvariantCulture)}\n";
        var report = await Host.SendAsync(new ImportCustomers(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
        report.IsSuccess.ShouldBeTrue(report.ToString());
        report.Value.Rejected.ShouldBeEmpty();
        var existing = email is not null;
        email ??= $"client-{clientCode}@example.ro";
        var user = await Host.SendAsync(new EnsureDemoUser(email, "Apă-rece-de-munte-2026", clientCode));
        user.IsSuccess.ShouldBeTrue(user.ToString());
        if (existing)
        {
            // An existing user adds the new client code as a customer does, with the contract number as proof.
            var linked = await Host.SendAsync(new LinkClientCode(clientCode, contract, null, null), Caller.Customer(user.Value, culture: "ro"));
            linked.IsSuccess.ShouldBeTrue(linked.ToString());
        }

        var found = await Host.SendAsync(new FindContractsByNumber([contract]));
        var summary = found.Value.Single();
        return new Premises(summary.CustomerId, summary.ContractId, contract, address, Caller.Customer(user.Value, culture: "ro"), email);
    }

    public Task<T> SendAsync<T>(MediatR.IRequest<T> request, ICurrentUser? user = null) => Host.SendAsync(request, user ?? Supervisor);

    public async Task<OutageAnnouncement> AnnounceAsync(IReadOnlyList<OutageStreet> streets, string? polygon = null, OutageKind kind = OutageKind.Planned,
        OutageServices services = OutageServices.Water)
    {
        var result = await SendAsync(new AnnounceOutage(kind, services, Local(2026, 12, 2, 8), Local(2026, 12, 2, 16),
            new OutageTexts("Înlocuire conductă pe strada principală.", "Main pipe replacement.", "Galvenā cauruļvada nomaiņa."), streets, polygon));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        await Host.DrainOutboxAsync();
        return result.Value;
    }

    /// <summary>The outage messages queued for a user (one per channel the preferences allow: email by default).</summary>
    public Task<List<NotificationMessage>> MessagesAsync(Premises premises) =>
        Host.WithContextAsync<NotificationsDbContext, List<NotificationMessage>>(db =>
            db.Messages.AsNoTracking().Where(m => m.UserId == premises.User.UserId && m.Type == NotificationTypes.Outage).ToListAsync());

    public Task<int> VersionAsync(Guid outageId) =>
        Host.WithContextAsync<NotificationsDbContext, int>(db => db.Outages.Where(o => o.Id == outageId).Select(o => o.Version).SingleAsync());

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

internal sealed record Premises(Guid CustomerId, Guid ContractId, string ContractNumber, string Address, Caller User, string Email);
