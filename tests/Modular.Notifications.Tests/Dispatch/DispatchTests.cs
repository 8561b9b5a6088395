using Modular.Billing.Contracts;
using Modular.Core.Money;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Modular.Payments.Contracts;
using Modular.Requests.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Dispatch;

/// <summary>Events become messages, one per user, type, subject and channel, sent once in the user's language, naming the account.</summary>
public abstract class DispatchTests(TestDatabase database) : IAsyncLifetime
{
    private NotificationsHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Dictionary<string, object?> Model(string text) => new() { ["text"] = text };

    [DbFact]
    public async Task An_issued_invoice_is_emailed_with_its_pdf_in_each_users_language_naming_the_account()
    {
        var (customer, ro) = _host.CustomerWithUser("ro");
        var en = _host.World.AddUser("en", customer.CustomerId);
        var invoice = _host.World.AddInvoice(customer, new LocalDate(2026, 11, 26), new LocalDate(2026, 12, 16));

        var issued = new InvoiceIssued(Guid.NewGuid(), _host.Clock.GetCurrentInstant(), invoice.InvoiceId, invoice.Number, customer.CustomerId,
            customer.ContractId, invoice.Total, invoice.DueDate, false);
        await _host.PublishAsync(issued);
        await _host.PublishAsync(issued with { EventId = Guid.NewGuid() }); // the same invoice announced twice
        (await _host.MessagesAsync()).Count.ShouldBe(2);
        await _host.DispatchAsync();

        var emails = _host.Emails();
        emails.Count.ShouldBe(2, string.Join(" | ", (await _host.MessagesAsync()).Select(m => $"{m.Status} {m.Attempts} {m.LastError}")));
        var romanian = emails.Single(m => m.To.Contains(_host.World.EmailOf(ro)));
        romanian.Subject.ShouldStartWith($"Factura {invoice.Number}");
        romanian.Body.ShouldContain(customer.ContractNumber);
        romanian.Body.ShouldContain("Str. Gării 5, Giurgiu");
        romanian.AttachmentNames.ShouldBe([invoice.Number + ".pdf"]);
        var english = emails.Single(m => m.To.Contains(_host.World.EmailOf(en)));
        english.Subject.ShouldStartWith($"Invoice {invoice.Number}");
        english.Body.ShouldContain(customer.ClientCode);

        await _host.DispatchAsync();
        _host.Emails().Count.ShouldBe(2);
        (await _host.MessagesAsync()).ShouldAllBe(m => m.Status == NotificationStatus.Sent && m.Summary != null);
    }

    [DbFact]
    public async Task Payments_and_request_status_changes_reach_the_customers_users()
    {
        var (customer, user) = _host.CustomerWithUser("lv");
        var now = _host.Clock.GetCurrentInstant();
        await _host.PublishAsync(
            new PaymentSettled(Guid.NewGuid(), now, Guid.NewGuid(), customer.CustomerId, Money.Of(50m, "RON"), [], PaymentChannel.Online, "P-1",
                new LocalDate(2026, 11, 26)),
            new PaymentReversed(Guid.NewGuid(), now, Guid.NewGuid(), customer.CustomerId, Money.Of(20m, "RON"), "refund"),
            new RequestStatusChanged(Guid.NewGuid(), now, Guid.NewGuid(), "CR-2026-000001", customer.CustomerId, RequestStatus.InProgress,
                RequestStatus.Resolved, null),
            new RequestStatusChanged(Guid.NewGuid(), now, Guid.NewGuid(), "CR-2026-000002", customer.CustomerId, RequestStatus.Submitted,
                RequestStatus.Assigned, null));
        (await _host.MessagesAsync()).Count.ShouldBe(3);
        await _host.DispatchAsync();

        var subjects = _host.Emails().Select(m => m.Subject).ToList();
        subjects.ShouldContain(s => s.StartsWith("Esam saņēmuši jūsu maksājumu", StringComparison.Ordinal));
        subjects.ShouldContain(s => s.Contains("no jūsu maksājuma ir atgriezti", StringComparison.Ordinal));
        subjects.ShouldContain("Pieteikums CR-2026-000001: atrisināts");
        (await _host.MessagesAsync()).ShouldAllBe(m => m.UserId == user.UserId);
    }

    [DbFact]
    public async Task Users_preferences_decide_the_channels_and_mandatory_types_ignore_them()
    {
        await using var host = await NotificationsHost.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Modular:Notifications:Types:overdue:Mandatory"] = "true",
        });
        var (customer, user) = host.CustomerWithUser();
        await host.VerifyPhoneAsync(user, "+40722123456");
        (await host.SendAsync(new SetNotificationPreference(NotificationTypes.Outage, NotificationChannel.Email, false), user)).IsSuccess.ShouldBeTrue();
        (await host.SendAsync(new SetNotificationPreference(NotificationTypes.DueSoon, NotificationChannel.Sms, true), user)).IsSuccess.ShouldBeTrue();

        await host.EnqueueAsync(
            new NotificationIntent(NotificationTypes.Outage, customer.CustomerId, "outage:1", "request-status", Model("x")),
            new NotificationIntent(NotificationTypes.DueSoon, customer.CustomerId, "due-soon:1", "due-soon", Model("x")),
            new NotificationIntent(NotificationTypes.Overdue, customer.CustomerId, "overdue:1", "overdue", Model("x")));

        var messages = await host.MessagesAsync();
        messages.Select(m => (m.Type, m.Channel)).OrderBy(x => x.Type).ThenBy(x => x.Channel).ShouldBe([
            (NotificationTypes.DueSoon, NotificationChannel.Email), (NotificationTypes.DueSoon, NotificationChannel.Sms),
            (NotificationTypes.Outage, NotificationChannel.Sms), // SMS on by default for outages, email turned off
            (NotificationTypes.Overdue, NotificationChannel.Email), (NotificationTypes.Overdue, NotificationChannel.Sms),
        ]);
    }

    [DbFact]
    public async Task Two_dispatchers_racing_send_each_message_exactly_once()
    {
        var intents = new List<NotificationIntent>();
        for (var i = 0; i < 12; i++)
        {
            var (customer, _) = _host.CustomerWithUser();
            intents.Add(new NotificationIntent(NotificationTypes.WindowOpens, customer.CustomerId, $"window:2026-11:{customer.ContractId}", "window-opens",
                new Dictionary<string, object?> { ["period"] = new YearMonth(2026, 11), ["opensOn"] = new LocalDate(2026, 11, 25), ["closesOn"] = new LocalDate(2026, 11, 30) },
                customer.ContractId));
        }

        // Two producers racing on the same intents: the unique key keeps one message each.
        var queued = await Task.WhenAll(Task.Run(() => _host.EnqueueAsync([.. intents])), Task.Run(() => _host.EnqueueAsync([.. intents])));
        queued.Sum().ShouldBe(12);

        await Task.WhenAll(Task.Run(_host.DispatchAsync), Task.Run(_host.DispatchAsync));
        _host.Emails().Count.ShouldBe(12);
        _host.Emails().Select(m => m.To).Distinct().Count().ShouldBe(12);
        (await _host.MessagesAsync()).ShouldAllBe(m => m.Status == NotificationStatus.Sent && m.Attempts == 1);
    }

    [DbFact]
    public async Task The_notification_centre_lists_the_users_messages_newest_first_and_staff_see_the_customers()
    {
        var (customer, user) = _host.CustomerWithUser();
        await _host.EnqueueAsync(new NotificationIntent(NotificationTypes.DueSoon, customer.CustomerId, "due-soon:a", "due-soon", Model("a")));
        _host.Clock.Advance(Duration.FromMinutes(5));
        await _host.EnqueueAsync(new NotificationIntent(NotificationTypes.Overdue, customer.CustomerId, "overdue:a", "overdue", Model("a")));
        await _host.DispatchAsync();

        var mine = (await _host.SendAsync(new GetMyNotifications(1, 1), user)).Value;
        mine.Total.ShouldBe(2);
        mine.Items.ShouldHaveSingleItem().Type.ShouldBe(NotificationTypes.Overdue);
        mine.Items[0].Status.ShouldBe(NotificationStatus.Sent);
        (await _host.SendAsync(new GetMyNotifications(2, 1), user)).Value.Items.Single().Type.ShouldBe(NotificationTypes.DueSoon);
        (await _host.SendAsync(new GetMyNotifications(1, 101), user)).Error.Code.ShouldBe("notifications.page_invalid");

        var staff = Modular.Core.Access.Caller.Staff(Guid.NewGuid(), [Modular.Core.Access.StaffRoles.Cashier]);
        (await _host.SendAsync(new GetCustomerNotifications(customer.CustomerId), staff)).Value.Total.ShouldBe(2);
        var stranger = _host.CustomerWithUser().User;
        (await _host.SendAsync(new GetMyNotifications(), stranger)).Value.Total.ShouldBe(0);
    }
}

public sealed class SqliteDispatchTests(SqliteDatabase database) : DispatchTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDispatchTests(PostgresDatabase database) : DispatchTests(database), IClassFixture<PostgresDatabase>;
