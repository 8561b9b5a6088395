using Modular.Accounts.Contracts;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Preferences;

/// <summary>Closing a portal account erases the user's preferences, number and waiting messages.</summary>
public abstract class ErasureTests(TestDatabase database) : IAsyncLifetime
{
    private NotificationsHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_closed_account_loses_its_preferences_number_and_waiting_messages()
    {
        _host.SetLocal(2026, 11, 26, 23);
        var (customer, user) = _host.CustomerWithUser();
        await _host.VerifyPhoneAsync(user, "+40744" + Random.Shared.Next(100000, 999999));
        (await _host.SendAsync(new SetNotificationPreference(NotificationTypes.DueSoon, NotificationChannel.Sms, true), user)).IsSuccess.ShouldBeTrue();
        await _host.EnqueueAsync(new NotificationIntent(NotificationTypes.Outage, customer.CustomerId, "outage:night", "request-status",
            new Dictionary<string, object?> { ["number"] = "X", ["status"] = "Resolved" }, customer.ContractId));
        await _host.DispatchAsync(); // the email goes, the SMS waits for the morning

        await _host.PublishAsync(new UserAccountClosed(Guid.NewGuid(), _host.Clock.GetCurrentInstant(), user.UserId!.Value, [customer.CustomerId]));

        var settings = (await _host.SendAsync(new GetMyNotificationSettings(), user)).Value;
        settings.Phone.ShouldBeNull();
        settings.Preferences.Single(p => p.Type == NotificationTypes.DueSoon && p.Channel == NotificationChannel.Sms).Enabled.ShouldBeFalse();
        var left = (await _host.MessagesAsync()).ShouldHaveSingleItem();
        left.Channel.ShouldBe(NotificationChannel.Email);
        left.Address.ShouldBe("(erased)");
    }
}

public sealed class SqliteErasureTests(SqliteDatabase database) : ErasureTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresErasureTests(PostgresDatabase database) : ErasureTests(database), IClassFixture<PostgresDatabase>;
