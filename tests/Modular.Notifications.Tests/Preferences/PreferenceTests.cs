using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Preferences;

/// <summary>Preferences per user × type × channel over the utility's defaults; the verified-number look-up the inbound SMS uses.</summary>
public abstract class PreferenceTests(TestDatabase database) : IAsyncLifetime
{
    private NotificationsHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationsHost.StartAsync(database, settings: new Dictionary<string, string?>
    {
        ["Modular:Notifications:Types:overdue:Mandatory"] = "true",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_user_sees_the_utilitys_defaults_until_they_choose_and_then_their_choice()
    {
        var (_, user) = _host.CustomerWithUser();
        var before = (await _host.SendAsync(new GetMyNotificationSettings(), user)).Value;
        before.Preferences.Single(p => p.Type == NotificationTypes.InvoiceIssued && p.Channel == NotificationChannel.Email).Enabled.ShouldBeTrue();

        (await _host.SendAsync(new SetNotificationPreference(NotificationTypes.InvoiceIssued, NotificationChannel.Email, false), user)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new SetNotificationPreference(NotificationTypes.InvoiceIssued, NotificationChannel.Email, false), user)).IsSuccess.ShouldBeTrue();

        var after = (await _host.SendAsync(new GetMyNotificationSettings(), user)).Value;
        after.Preferences.Single(p => p.Type == NotificationTypes.InvoiceIssued && p.Channel == NotificationChannel.Email).Enabled.ShouldBeFalse();
        after.Preferences.Single(p => p.Type == NotificationTypes.DueSoon && p.Channel == NotificationChannel.Email).Enabled.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_mandatory_type_cannot_be_turned_off_and_sms_needs_a_verified_number()
    {
        var (_, user) = _host.CustomerWithUser();
        var off = await _host.SendAsync(new SetNotificationPreference(NotificationTypes.Overdue, NotificationChannel.Email, false), user);
        off.Error.Code.ShouldBe("notifications.type_mandatory");

        var sms = await _host.SendAsync(new SetNotificationPreference(NotificationTypes.DueSoon, NotificationChannel.Sms, true), user);
        sms.Error.Code.ShouldBe("notifications.phone_not_verified");

        await _host.VerifyPhoneAsync(user, "+40722123456");
        (await _host.SendAsync(new SetNotificationPreference(NotificationTypes.DueSoon, NotificationChannel.Sms, true), user)).IsSuccess.ShouldBeTrue();
        var settings = (await _host.SendAsync(new GetMyNotificationSettings(), user)).Value;
        settings.PhoneVerified.ShouldBeTrue();
        settings.Preferences.Single(p => p.Type == NotificationTypes.Overdue && p.Channel == NotificationChannel.Email).Mandatory.ShouldBeTrue();
    }

    [DbFact]
    public async Task Unknown_types_are_refused()
    {
        var (_, user) = _host.CustomerWithUser();
        var result = await _host.SendAsync(new SetNotificationPreference("birthday", NotificationChannel.Email, true), user);
        result.Error.Code.ShouldBe("notifications.type_unknown");
    }

    [DbFact]
    public async Task The_system_sets_a_named_users_preference_and_finds_users_by_their_verified_number_in_any_spelling()
    {
        var (customer, user) = _host.CustomerWithUser();
        await _host.VerifyPhoneAsync(user, "+40722123456");

        var found = (await _host.SendAsync(new FindUsersByVerifiedPhone("0722 123 456"))).Value;
        found.ShouldHaveSingleItem().UserId.ShouldBe(user.UserId!.Value);
        found[0].CustomerIds.ShouldBe([customer.CustomerId]);
        (await _host.SendAsync(new FindUsersByVerifiedPhone("+40 799 000 000"))).Value.ShouldBeEmpty();

        (await _host.SendAsync(new SetNotificationPreference(NotificationTypes.Outage, NotificationChannel.Sms, false, user.UserId))).IsSuccess.ShouldBeTrue();
        var settings = (await _host.SendAsync(new GetMyNotificationSettings(), user)).Value;
        settings.Preferences.Single(p => p.Type == NotificationTypes.Outage && p.Channel == NotificationChannel.Sms).Enabled.ShouldBeFalse();

        (await _host.SendAsync(new FindUsersByVerifiedPhone("+40722123456"), Caller.Customer(Guid.NewGuid()))).Error.Code.ShouldBe(CoreErrors.Forbidden);
    }
}

public sealed class SqlitePreferenceTests(SqliteDatabase database) : PreferenceTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPreferenceTests(PostgresDatabase database) : PreferenceTests(database), IClassFixture<PostgresDatabase>;
