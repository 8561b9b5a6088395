using Modular.Core.Schedules;
using Modular.Notifications.Contracts;
using Modular.Notifications.Reminders;
using Modular.Readings.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Reminders;

/// <summary>The daily reminders and the window-opened fan-out, with a fake clock across a month end and a DST change; once per subject.</summary>
public abstract class ReminderTests(TestDatabase database) : IAsyncLifetime
{
    private const string Zone = "Europe/Bucharest";

    private NotificationsHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationsHost.StartAsync(database, Zone);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> RunRemindersAsync()
    {
        await using var scope = _host.Host.BeginScope(Modular.Core.Access.Caller.System);
        var job = Autofac.ResolutionExtensions.Resolve<RemindersJob>(scope);
        var result = await job.RunAsync(new ScheduledRun(RemindersJob.Name, _host.Clock.GetCurrentInstant(), _host.Clock.GetCurrentInstant()), CancellationToken.None);
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    [DbFact]
    public async Task Due_soon_and_overdue_go_out_once_per_invoice_across_a_month_end_and_the_spring_dst_change()
    {
        var (customer, user) = _host.CustomerWithUser("en");
        var invoice = _host.World.AddInvoice(customer, new LocalDate(2027, 3, 10), new LocalDate(2027, 4, 1));

        _host.SetLocal(2027, 3, 27, 9);   // five days before: nothing yet
        await RunRemindersAsync();
        (await _host.MessagesAsync()).ShouldBeEmpty();

        _host.SetLocal(2027, 3, 29, 9);   // three days before, after summer time began on the 28th, across the month end
        await RunRemindersAsync();
        await RunRemindersAsync();          // a second run the same day
        _host.SetLocal(2027, 3, 30, 9);
        await RunRemindersAsync();          // and the next day
        var dueSoon = (await _host.MessagesAsync()).ShouldHaveSingleItem();
        dueSoon.Type.ShouldBe(NotificationTypes.DueSoon);
        dueSoon.SubjectKey.ShouldBe($"due-soon:{invoice.InvoiceId}");

        _host.SetLocal(2027, 4, 2, 9);    // a day after the due date: overdue, grace until 16 April
        await RunRemindersAsync();
        _host.SetLocal(2027, 4, 3, 9);
        await RunRemindersAsync();
        (await _host.MessagesAsync()).Where(m => m.Type == NotificationTypes.Overdue).ShouldHaveSingleItem();

        await _host.DispatchAsync();
        var subjects = _host.Emails().Select(m => m.Subject).ToList();
        subjects.ShouldContain($"Invoice {invoice.Number} is due on 01/04/2027");
        subjects.ShouldContain($"Invoice {invoice.Number} is overdue");
        (await _host.SendAsync(new GetMyNotifications(), user)).Value.Total.ShouldBe(2);
    }

    [DbFact]
    public async Task Window_closing_reminds_only_meters_without_a_reading_yet()
    {
        var (waiting, _) = _host.CustomerWithUser("ro");
        var (done, _) = _host.CustomerWithUser("ro");
        var period = new YearMonth(2026, 10);
        _host.World.AddMeter(waiting, period, new LocalDate(2026, 10, 25), new LocalDate(2026, 10, 31), open: true);
        _host.World.AddMeter(done, period, new LocalDate(2026, 10, 25), new LocalDate(2026, 10, 31), open: true, read: true);

        _host.SetLocal(2026, 10, 26, 9);  // the autumn DST change is on the 25th; five days before the window closes: too early
        await RunRemindersAsync();
        (await _host.MessagesAsync()).ShouldBeEmpty();

        _host.SetLocal(2026, 10, 29, 9);
        await RunRemindersAsync();
        _host.SetLocal(2026, 10, 30, 9);
        await RunRemindersAsync();
        var message = (await _host.MessagesAsync()).ShouldHaveSingleItem();
        message.Type.ShouldBe(NotificationTypes.WindowClosing);
        message.CustomerId.ShouldBe(waiting.CustomerId);
        await _host.DispatchAsync();
        _host.Emails().ShouldHaveSingleItem().Subject.ShouldBe("Ultimele zile pentru transmiterea indexului pentru octombrie 2026");
    }

    [DbFact]
    public async Task The_window_opening_reaches_every_contracts_users_once_naming_the_contract()
    {
        var customers = Enumerable.Range(0, 3).Select(_ => _host.CustomerWithUser("lv").Customer).ToList();
        var opened = new ReadingWindowOpened(Guid.NewGuid(), _host.Clock.GetCurrentInstant(), new YearMonth(2026, 11), new LocalDate(2026, 11, 25),
            new LocalDate(2026, 11, 30));
        await _host.PublishAsync(opened);
        await _host.PublishAsync(opened with { EventId = Guid.NewGuid() });
        var messages = await _host.MessagesAsync();
        messages.Count.ShouldBe(3);
        messages.Select(m => m.ContractId).ShouldBe(customers.Select(c => (Guid?)c.ContractId), ignoreOrder: true);

        await _host.DispatchAsync();
        foreach (var customer in customers)
        {
            _host.Emails().ShouldContain(m => m.Body.Contains(customer.ContractNumber) && m.Subject.StartsWith("Skaitītāja rādījumu par", StringComparison.Ordinal));
        }
    }
}

public sealed class SqliteReminderTests(SqliteDatabase database) : ReminderTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresReminderTests(PostgresDatabase database) : ReminderTests(database), IClassFixture<PostgresDatabase>;
