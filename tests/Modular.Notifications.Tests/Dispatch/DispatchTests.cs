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
        var paper = _host.World.AddUser("ro", customer.CustomerId); // kept paper invoices: no invoice email
        _host.World.Paperless[ro.UserId!.Value] = true;
        _host.World.Paperless[en.UserId!.Value] = true;
        var invoice = _host.World.AddInvoice(customer, new LocalDate(2026, 11, 26), new LocalDate(2026, 12, 16));

        var issued = new InvoiceIssued(Guid.NewGuid(), _host.Clock.GetCurrentInstant(), invoice.InvoiceId, invoice.Number, customer.CustomerId,
            customer.ContractId, invoice.Total, invoice.DueDate, false);
        await _host.PublishAsync(issued);
        await _host.PublishAsync(issued with { EventId = Guid.NewGuid() }); // the same invoice announced twice
        (await _host.MessagesAsync()).Count.ShouldBe(2);
        await _host.DispatchAsync();

        var emails = _host.Emails();
        emails.Count.ShouldBe(2);
        emails.ShouldNotContain(m => m.To.Contains(_host.World.EmailOf(paper)));
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
    public async Task Payments_and_request_status_changes_reach_the_customers_users_in_their_language()
    {
        var (customer, user) = _host.CustomerWithUser("ro");
        var en = _host.World.AddUser("en", customer.CustomerId);
        var now = _host.Clock.GetCurrentInstant();
        var invoice = _host.World.AddInvoice(customer, new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 21));
        var settledId = Guid.NewGuid();
        var settled = new PaymentSettled(Guid.NewGuid(), now, settledId, customer.CustomerId, Money.Of(1234.50m, "RON"), [invoice.InvoiceId],
            PaymentChannel.Online, "P-2026-1", new LocalDate(2026, 11, 25));
        var reversedId = Guid.NewGuid();
        _host.World.Payments[reversedId] = new PaymentDetails(
            new PaymentSummary(reversedId, "P-2026-2", customer.CustomerId, Money.Of(100m, "RON"), PaymentChannel.BankTransfer, PaymentStatus.Settled, now,
                new LocalDate(2026, 11, 20), null),
            [], Money.Of(40m, "RON"), null, null, null, null, [new PaymentHistoryEntry(now, "reversed", Money.Of(40m, "RON"), null)]);
        await _host.PublishAsync(
            settled,
            settled with { EventId = Guid.NewGuid() }, // the same payment announced again: one message per user
            new PaymentReversed(Guid.NewGuid(), now, reversedId, customer.CustomerId, Money.Of(40m, "RON"), "bank"),
            new RequestStatusChanged(Guid.NewGuid(), now, Guid.NewGuid(), "CR-2026-000001", customer.CustomerId, RequestStatus.InProgress,
                RequestStatus.Resolved, null),
            new RequestStatusChanged(Guid.NewGuid(), now, Guid.NewGuid(), "CR-2026-000002", customer.CustomerId, RequestStatus.Submitted,
                RequestStatus.Assigned, null));
        (await _host.MessagesAsync()).Count.ShouldBe(6);
        await _host.DispatchAsync();

        var romanian = _host.Emails().Where(m => m.To.Contains(_host.World.EmailOf(user))).ToList();
        var paid = romanian.Single(m => m.Subject.StartsWith("Plată primită", StringComparison.Ordinal));
        paid.Subject.ShouldBe("Plată primită: 1.234,50 RON (referința P-2026-1)");
        paid.Body.ShouldContain("25.11.2026");
        paid.Body.ShouldContain("online, cu cardul");
        paid.Body.ShouldContain(invoice.Number);
        paid.Body.ShouldContain(customer.ClientCode);
        var english = _host.Emails().Where(m => m.To.Contains(_host.World.EmailOf(en))).ToList();
        english.ShouldContain(m => m.Subject == "Payment received: 1,234.50 RON (reference P-2026-1)");
        var reversal = english.Single(m => m.Subject.StartsWith("Payment reversed", StringComparison.Ordinal));
        reversal.Subject.ShouldBe("Payment reversed: 40.00 RON (reference P-2026-2)");
        reversal.Body.ShouldContain("Your bank has reversed 40.00 RON of your payment of 100.00 RON (by bank transfer, reference P-2026-2)");
        english.ShouldContain(m => m.Subject == "Request CR-2026-000001: resolved");
        english.Count.ShouldBe(3);
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
