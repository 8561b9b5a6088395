using System.Globalization;
using Modular.Notifications.Contracts;
using Modular.Notifications.Delivery;
using Modular.Notifications.Dispatch;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Channels;

/// <summary>SMS delivery reports through the signed webhook: good, bad and replayed signatures; hard failures pause the channel.</summary>
public abstract class DeliveryWebhookTests(TestDatabase database) : IAsyncLifetime
{
    private NotificationsHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationsHost.StartAsync(database, settings: new Dictionary<string, string?>
    {
        ["Modular:Notifications:HardFailuresToPause"] = "2",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(Customer Customer, Modular.Core.Access.Caller User)> SmsUserAsync()
    {
        _host.SetLocal(2026, 11, 26, 12);
        var (customer, user) = _host.CustomerWithUser();
        await _host.VerifyPhoneAsync(user, "+40722" + Random.Shared.Next(100000, 999999));
        return (customer, user);
    }

    private async Task<string> SentSmsAsync(Customer customer, string subject)
    {
        await _host.EnqueueAsync(new NotificationIntent(NotificationTypes.Outage, customer.CustomerId, subject, "request-status",
            new Dictionary<string, object?> { ["number"] = "X", ["status"] = "Resolved", ["changedOn"] = new LocalDate(2026, 11, 26) }));
        await _host.DispatchAsync();
        return (await _host.MessagesAsync()).Single(m => m.SubjectKey == subject && m.Channel == NotificationChannel.Sms).ProviderId!;
    }

    private string Now => _host.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private ReportSmsDelivery Signed(string body, string? timestamp = null)
    {
        var ts = timestamp ?? Now;
        return new ReportSmsDelivery(body, ts, ReportSmsDeliveryHandler.Sign(NotificationsHost.WebhookSecret, ts, body));
    }

    [DbFact]
    public async Task A_signed_report_updates_the_message_and_the_same_report_again_is_refused()
    {
        var (customer, user) = await SmsUserAsync();
        var id = await SentSmsAsync(customer, "outage:1");
        var report = Signed($$"""{"reports":[{"id":"{{id}}","status":"delivered"}]}""");

        (await _host.SendAsync(report, Modular.Core.Access.Caller.Anonymous)).Value.ShouldBe(1);
        (await _host.MessagesAsync()).Single(m => m.ProviderId == id).Status.ShouldBe(NotificationStatus.Delivered);
        (await _host.SendAsync(report)).Error.Code.ShouldBe("notifications.report_replayed");

        var centre = (await _host.SendAsync(new GetMyNotifications(), user)).Value;
        centre.Items.Single(i => i.Channel == NotificationChannel.Sms).Status.ShouldBe(NotificationStatus.Delivered);
    }

    [DbFact]
    public async Task A_bad_signature_or_a_stale_timestamp_is_refused_and_changes_nothing()
    {
        var (customer, _) = await SmsUserAsync();
        var id = await SentSmsAsync(customer, "outage:2");
        var body = $$"""{"id":"{{id}}","status":"failed"}""";

        (await _host.SendAsync(new ReportSmsDelivery(body, Now, ReportSmsDeliveryHandler.Sign("wrong-secret", Now, body)))).Error.Code
            .ShouldBe("notifications.signature_invalid");
        var signed = Signed(body);
        (await _host.SendAsync(signed with { Body = body.Replace("failed", "delivered", StringComparison.Ordinal) })).Error.Code
            .ShouldBe("notifications.signature_invalid");
        (await _host.SendAsync(signed with { Signature = null })).Error.Code.ShouldBe("notifications.signature_invalid");
        var old = (_host.Clock.GetCurrentInstant() - Duration.FromMinutes(10)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        (await _host.SendAsync(Signed(body, old))).Error.Code.ShouldBe("notifications.signature_stale");
        (await _host.SendAsync(Signed("{not json"))).Error.Code.ShouldBe("notifications.report_invalid");

        (await _host.MessagesAsync()).Single(m => m.ProviderId == id).Status.ShouldBe(NotificationStatus.Sent);
    }

    [DbFact]
    public async Task Repeated_hard_failures_pause_the_channel_for_that_user_and_turning_it_on_again_resumes_it()
    {
        var (customer, user) = await SmsUserAsync();
        foreach (var subject in new[] { "outage:f1", "outage:f2" })
        {
            var id = await SentSmsAsync(customer, subject);
            (await _host.SendAsync(Signed($$"""{"id":"{{id}}","status":"bounced"}"""))).Value.ShouldBe(1);
            _host.Clock.Advance(Duration.FromSeconds(1));
        }

        var settings = (await _host.SendAsync(new GetMyNotificationSettings(), user)).Value;
        settings.PausedChannels.ShouldBe([NotificationChannel.Sms]);
        await _host.EnqueueAsync(new NotificationIntent(NotificationTypes.Outage, customer.CustomerId, "outage:after", "request-status",
            new Dictionary<string, object?> { ["number"] = "X", ["status"] = "Resolved", ["changedOn"] = new LocalDate(2026, 11, 26) }));
        (await _host.MessagesAsync()).Where(m => m.SubjectKey == "outage:after").Select(m => m.Channel).ShouldBe([NotificationChannel.Email]);

        (await _host.SendAsync(new SetNotificationPreference(NotificationTypes.Outage, NotificationChannel.Sms, true), user)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new GetMyNotificationSettings(), user)).Value.PausedChannels.ShouldBeEmpty();
    }
}

public sealed class SqliteDeliveryWebhookTests(SqliteDatabase database) : DeliveryWebhookTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDeliveryWebhookTests(PostgresDatabase database) : DeliveryWebhookTests(database), IClassFixture<PostgresDatabase>;
