using System.Net;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Channels;

/// <summary>RFC 8058 one-click unsubscribe: a signed, expiring link that turns off that one type for that user.</summary>
public abstract class UnsubscribeTests(TestDatabase database) : IAsyncLifetime
{
    private NotificationsHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationsHost.StartAsync(database, settings: new Dictionary<string, string?>
    {
        ["Modular:Notifications:Types:overdue:Mandatory"] = "true",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(Customer Customer, Modular.Core.Access.Caller User, string Token)> EmailedAsync(string type = NotificationTypes.DueSoon)
    {
        var (customer, user) = _host.CustomerWithUser();
        await _host.EnqueueAsync(new NotificationIntent(type, customer.CustomerId, $"{type}:{Guid.NewGuid()}", type,
            new Dictionary<string, object?> { ["invoiceNumber"] = "GR1", ["remaining"] = Modular.Core.Money.Money.Of(10m, "RON"),
                ["dueDate"] = new LocalDate(2026, 12, 1), ["graceDate"] = new LocalDate(2026, 12, 16) }));
        await _host.DispatchAsync();
        var mail = _host.Emails().Single(m => m.To.Contains(_host.World.EmailOf(user)));
        if (!mail.Headers.TryGetValue("list-unsubscribe", out var header))
        {
            return (customer, user, string.Empty);
        }

        mail.Headers["list-unsubscribe-post"].ShouldBe("List-Unsubscribe=One-Click");
        header.ShouldStartWith("<https://portal.example/notifications/unsubscribe?t=");
        return (customer, user, WebUtility.UrlDecode(header.TrimStart('<').TrimEnd('>').Split("?t=")[1]));
    }

    private async Task<bool> EnabledAsync(Modular.Core.Access.Caller user, string type) =>
        (await _host.SendAsync(new GetMyNotificationSettings(), user)).Value.Preferences.Single(p => p.Type == type && p.Channel == NotificationChannel.Email).Enabled;

    [DbFact]
    public async Task The_link_turns_off_only_that_type_for_that_user_and_using_it_twice_is_harmless()
    {
        var (customer, user, token) = await EmailedAsync();
        var other = _host.World.AddUser("ro", customer.CustomerId);

        var first = await _host.SendAsync(new UnsubscribeByLink(token), Modular.Core.Access.Caller.Anonymous);
        first.Value.ShouldBe(new Unsubscribed(NotificationTypes.DueSoon, NotificationChannel.Email));
        (await _host.SendAsync(new UnsubscribeByLink(token), Modular.Core.Access.Caller.Anonymous)).Value.ShouldBe(first.Value);

        (await EnabledAsync(user, NotificationTypes.DueSoon)).ShouldBeFalse();
        (await EnabledAsync(user, NotificationTypes.InvoiceIssued)).ShouldBeTrue();
        (await EnabledAsync(other, NotificationTypes.DueSoon)).ShouldBeTrue();
    }

    [DbFact]
    public async Task A_forged_or_altered_link_is_refused_and_changes_nothing()
    {
        var (_, user, token) = await EmailedAsync();
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        (await _host.SendAsync(new UnsubscribeByLink(altered))).Error.Code.ShouldBe("notifications.link_invalid");
        (await _host.SendAsync(new UnsubscribeByLink("not-a-token"))).Error.Code.ShouldBe("notifications.link_invalid");
        var payload = token.Split('.')[0];
        (await _host.SendAsync(new UnsubscribeByLink(payload + ".AAAA"))).Error.Code.ShouldBe("notifications.link_invalid");
        (await EnabledAsync(user, NotificationTypes.DueSoon)).ShouldBeTrue();
    }

    [DbFact]
    public async Task An_expired_link_is_refused()
    {
        var (_, user, token) = await EmailedAsync();
        _host.Clock.Advance(Duration.FromDays(61));
        (await _host.SendAsync(new UnsubscribeByLink(token))).Error.Code.ShouldBe("notifications.link_expired");
        (await EnabledAsync(user, NotificationTypes.DueSoon)).ShouldBeTrue();
    }

    [DbFact]
    public async Task A_mandatory_type_has_no_unsubscribe()
    {
        var (_, _, token) = await EmailedAsync(NotificationTypes.Overdue);
        token.ShouldBeEmpty();
    }
}

public sealed class SqliteUnsubscribeTests(SqliteDatabase database) : UnsubscribeTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresUnsubscribeTests(PostgresDatabase database) : UnsubscribeTests(database), IClassFixture<PostgresDatabase>;
