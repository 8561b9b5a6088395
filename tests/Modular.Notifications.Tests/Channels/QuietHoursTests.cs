using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Channels;

/// <summary>SMS in quiet hours wait until they end in the utility's zone (across DST changes), and are never dropped; email goes at once.</summary>
public abstract class QuietHoursTests(TestDatabase database) : IAsyncLifetime
{
    private const string Zone = "Europe/Bucharest";

    private NotificationsHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationsHost.StartAsync(database, Zone);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<int, int, int, int, int, int, int> Nights() => new()
    {
        // queued (local y, m, d, h) → may go out at local 08:00 on (d) at UTC hour
        { 2026, 11, 26, 22, 27, 6, 0 },   // winter (EET, UTC+2)
        { 2027, 3, 27, 23, 28, 5, 0 },    // the night summer time starts (03:00 → 04:00): 08:00 EEST is 05:00 UTC
        { 2026, 10, 24, 22, 25, 6, 0 },   // the night summer time ends (04:00 → 03:00): 08:00 EET is 06:00 UTC
        { 2027, 3, 28, 4, 28, 5, 0 },     // early morning right after the change, still quiet: the same morning
        { 2027, 1, 31, 22, 1, 6, 0 },     // across a month end
    };

    [DbTheory]
    [MemberData(nameof(Nights))]
    public async Task An_sms_queued_in_quiet_hours_waits_until_they_end_in_the_utilitys_zone(int year, int month, int day, int hour, int endDay, int utcHour, int _)
    {
        _host.Clock.Set(NotificationsHost.LocalAt(Zone, year, month, day, hour));
        var (customer, user) = _host.CustomerWithUser();
        await _host.VerifyPhoneAsync(user, "+40722" + Random.Shared.Next(100000, 999999));
        await _host.EnqueueAsync(new NotificationIntent(NotificationTypes.Outage, customer.CustomerId, "outage:" + Guid.NewGuid(), "request-status",
            new Dictionary<string, object?> { ["number"] = "X", ["status"] = "Resolved", ["changedOn"] = new LocalDate(year, month, day) }, customer.ContractId));

        var messages = await _host.MessagesAsync();
        var sms = messages.Single(m => m.Channel == NotificationChannel.Sms);
        var endMonth = endDay < day ? month % 12 + 1 : month;
        sms.NotBefore.ShouldBe(Instant.FromUtc(year, endMonth, endDay, utcHour, 0));
        messages.Single(m => m.Channel == NotificationChannel.Email).NotBefore.ShouldBe(_host.Clock.GetCurrentInstant());

        await _host.DispatchAsync();
        (await _host.MessagesAsync()).Single(m => m.Channel == NotificationChannel.Sms).Status.ShouldBe(NotificationStatus.Pending);
        (await _host.MessagesAsync()).Single(m => m.Channel == NotificationChannel.Email).Status.ShouldBe(NotificationStatus.Sent);

        _host.Clock.Set(sms.NotBefore);
        await _host.DispatchAsync();
        var sent = (await _host.MessagesAsync()).Single(m => m.Channel == NotificationChannel.Sms);
        sent.Status.ShouldBe(NotificationStatus.Sent);
        (await _host.SmsAsync()).ShouldContain(s => s.To == sent.Address && s.Text.Contains(customer.ContractNumber));
    }

    [DbFact]
    public async Task Outside_quiet_hours_an_sms_goes_at_once()
    {
        _host.SetLocal(2026, 11, 26, 12);
        var (customer, user) = _host.CustomerWithUser("en");
        await _host.VerifyPhoneAsync(user, "+40722" + Random.Shared.Next(100000, 999999));
        await _host.EnqueueAsync(new NotificationIntent(NotificationTypes.Outage, customer.CustomerId, "outage:noon", "request-status",
            new Dictionary<string, object?> { ["number"] = "X", ["status"] = "Resolved", ["changedOn"] = new LocalDate(2026, 11, 26) }, customer.ContractId));
        await _host.DispatchAsync();
        var sms = (await _host.MessagesAsync()).Single(m => m.Channel == NotificationChannel.Sms);
        sms.Status.ShouldBe(NotificationStatus.Sent);
        sms.Summary.ShouldBe($"Request X: resolved. {customer.ClientCode} · {customer.ContractNumber} · Str. Gării 5, Giurgiu");
    }
}

public sealed class SqliteQuietHoursTests(SqliteDatabase database) : QuietHoursTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresQuietHoursTests(PostgresDatabase database) : QuietHoursTests(database), IClassFixture<PostgresDatabase>;
