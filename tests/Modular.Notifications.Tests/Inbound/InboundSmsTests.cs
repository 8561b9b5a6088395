using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Notifications.Contracts;
using Modular.Notifications.Delivery;
using Modular.Notifications.Persistence;
using Modular.Readings;
using Modular.Readings.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Inbound;

/// <summary>
/// Two-way SMS with the real Readings module: a reading by SMS from a verified number through Readings' rules (its refusals
/// come back localized), a foreign meter, an unknown number, STOP/START, a bad signature, the same message twice.
/// </summary>
public abstract class InboundSmsTests(TestDatabase database) : IAsyncLifetime
{
    private const string Secret = "inbound-secret-for-tests";

    private NotificationsHost _host = null!;

    public async Task InitializeAsync()
    {
        var world = new FakeWorld();
        var clock = new FakeClock(NotificationsHost.LocalAt("Europe/Bucharest", 2026, 11, 26, 12));
        var host = await TestHost.StartAsync(database, m => m.AddModule(new FakeAccountsModule(world)).AddReadings().AddNotifications(),
            new Dictionary<string, string?> { ["Modular:Time:TimeZone"] = "Europe/Bucharest", ["Modular:Notifications:WebhookSecret"] = Secret }, clock);
        _host = new NotificationsHost(host, world);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_reading_by_sms_from_a_verified_number_is_stored_through_the_readings_rules_and_confirmed_by_sms()
    {
        var (serial, phone, meterId) = await CustomerWithMeterAsync();

        var answer = await SendAsync(phone, $"RU {serial} 120,5");

        answer.Value.Outcome.ShouldBe("reading");
        answer.Value.Reply.ShouldBe($"Indexul 120,500 pentru contorul {serial} a fost înregistrat; consum 20,500 m³.");
        (await _host.SendAsync(new GetReadingHistory(meterId, null))).Value.ShouldContain(r => r.Index == 120.5m && r.Status == ReadingStatus.Accepted);
        (await RepliesToAsync(phone)).ShouldBe([answer.Value.Reply!]);
    }

    [DbFact]
    public async Task A_lower_index_is_refused_with_readings_own_text_in_the_users_language_and_nothing_is_stored()
    {
        var (serial, phone, meterId) = await CustomerWithMeterAsync();

        var answer = await SendAsync(phone, $"ru {serial} 50");

        answer.Value.Outcome.ShouldBe("refused");
        answer.Value.Reply.ShouldBe("Index nou introdus incorect!");
        (await _host.SendAsync(new GetReadingHistory(meterId, null))).Value.Count.ShouldBe(1);
    }

    [DbFact]
    public async Task A_reading_outside_the_window_is_refused_with_readings_own_text_naming_the_next_opening()
    {
        var (serial, phone, meterId) = await CustomerWithMeterAsync();
        _host.SetLocal(2026, 12, 10);

        var answer = await SendAsync(phone, $"RU {serial} 130");

        answer.Value.Outcome.ShouldBe("refused");
        answer.Value.Reply!.ShouldContain("25.12.2026");
        (await _host.SendAsync(new GetReadingHistory(meterId, null))).Value.Count.ShouldBe(1);
    }

    [DbFact]
    public async Task A_meter_of_another_customer_is_refused_without_saying_whose_it_is()
    {
        var (_, phone, _) = await CustomerWithMeterAsync();
        var (foreignSerial, _, foreignMeter) = await CustomerWithMeterAsync();

        var answer = await SendAsync(phone, $"RU {foreignSerial} 150");

        answer.Value.Outcome.ShouldBe("refused");
        answer.Value.Reply.ShouldBe($"Contorul {foreignSerial} nu este printre contoarele contractelor dumneavoastră.");
        (await _host.SendAsync(new GetReadingHistory(foreignMeter, null))).Value.Count.ShouldBe(1);
    }

    [DbFact]
    public async Task An_unknown_number_gets_nothing_and_nothing_is_done()
    {
        var (serial, _, meterId) = await CustomerWithMeterAsync();

        var answer = await SendAsync("+40722000111", $"RU {serial} 150");

        answer.Value.Outcome.ShouldBe("unknown_number");
        answer.Value.Reply.ShouldBeNull();
        (await RepliesToAsync("+40722000111")).ShouldBeEmpty();
        (await _host.SendAsync(new GetReadingHistory(meterId, null))).Value.Count.ShouldBe(1);
    }

    [DbFact]
    public async Task Stop_and_start_change_one_types_sms_preference()
    {
        var (_, phone, _) = await CustomerWithMeterAsync();
        var user = _host.World.Users[_phones[phone]];

        (await SendAsync(phone, "STOP outage")).Value.Outcome.ShouldBe("stop");
        (await SmsPreferenceAsync(user.UserId, NotificationTypes.Outage)).ShouldBe(false);
        (await SendAsync(phone, "start OUTAGE")).Value.Outcome.ShouldBe("start");
        (await SmsPreferenceAsync(user.UserId, NotificationTypes.Outage)).ShouldBe(true);
        (await SendAsync(phone, "STOP nothing")).Value.Outcome.ShouldBe("not_understood");
    }

    [DbFact]
    public async Task A_bad_signature_is_refused_and_the_same_message_twice_is_one_reading()
    {
        var (serial, phone, meterId) = await CustomerWithMeterAsync();
        var body = Body("msg-" + Guid.NewGuid().ToString("N"), phone, $"RU {serial} 130");
        var timestamp = _host.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        (await _host.SendAsync(new ReceiveInboundSms(body, timestamp, WebhookSignature.Sign("wrong", timestamp, body)))).Error.Code
            .ShouldBe("notifications.signature_invalid");
        var first = await _host.SendAsync(new ReceiveInboundSms(body, timestamp, WebhookSignature.Sign(Secret, timestamp, body)));
        var again = await _host.SendAsync(new ReceiveInboundSms(body, timestamp, WebhookSignature.Sign(Secret, timestamp, body)));

        first.Value.Repeated.ShouldBeFalse();
        again.Value.Repeated.ShouldBeTrue();
        again.Value.Outcome.ShouldBe("reading");
        (await _host.SendAsync(new GetReadingHistory(meterId, null))).Value.Count(r => r.Index == 130m).ShouldBe(1);
        (await RepliesToAsync(phone)).Count.ShouldBe(1);
    }

    private readonly Dictionary<string, Guid> _phones = [];

    /// <summary>A customer with a contract, a self-read meter at index 100 and a user with a verified number.</summary>
    private async Task<(string Serial, string Phone, Guid MeterId)> CustomerWithMeterAsync()
    {
        var (customer, user) = _host.CustomerWithUser();
        var serial = "SN" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        var meter = await _host.SendAsync(new RegisterMeter(serial, customer.ContractId, 6, 3, new LocalDate(2026, 1, 10), 100m, null, true));
        meter.IsSuccess.ShouldBeTrue(meter.ToString());
        var phone = "+4072" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        await _host.VerifyPhoneAsync(user, phone);
        _phones[phone] = user.UserId!.Value;
        return (serial, phone, meter.Value);
    }

    private Task<Core.Results.Result<InboundSmsAnswer>> SendAsync(string from, string text)
    {
        var body = Body("msg-" + Guid.NewGuid().ToString("N"), from, text);
        var timestamp = _host.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return _host.SendAsync(new ReceiveInboundSms(body, timestamp, WebhookSignature.Sign(Secret, timestamp, body)));
    }

    private static string Body(string id, string from, string text) =>
        System.Text.Json.JsonSerializer.Serialize(new { id, from, text });

    private Task<List<string>> RepliesToAsync(string phone) =>
        _host.Host.WithContextAsync<NotificationsDbContext, List<string>>(db => db.SimulatedSms.AsNoTracking().Where(s => s.To == phone).Select(s => s.Text).ToListAsync());

    private Task<bool?> SmsPreferenceAsync(Guid userId, string type) =>
        _host.Host.WithContextAsync<NotificationsDbContext, bool?>(async db =>
            (await db.Preferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.Type == type && p.Channel == NotificationChannel.Sms))?.Enabled);
}

public sealed class SqliteInboundSmsTests(SqliteDatabase database) : InboundSmsTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresInboundSmsTests(PostgresDatabase database) : InboundSmsTests(database), IClassFixture<PostgresDatabase>;
