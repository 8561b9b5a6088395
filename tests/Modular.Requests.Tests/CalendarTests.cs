using Modular.Core.Access;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>Due times in the utility's working calendar: working days and hours, holidays, daylight saving.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly DateTimeZone Bucharest = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];

    private static WorkingCalendar Calendar(params LocalDate[] holidays) => new(Bucharest, new LocalTime(8, 0), new LocalTime(16, 0), holidays.ToHashSet());

    private static Instant At(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Bucharest).ToInstant();

    [Fact]
    public void Working_hours_skip_nights_and_weekends_and_keep_local_time_across_the_autumn_clock_change()
    {
        // Friday 23.10.2026 15:00 (EEST, UTC+3); clocks go back on Sunday 25.10; eight working hours: 1 on Friday, 7 on Monday (EET, UTC+2).
        var due = Calendar().AddWorkingHours(At(2026, 10, 23, 15), 8);
        due.ShouldBe(At(2026, 10, 26, 15));
        (due - At(2026, 10, 23, 15)).ShouldBe(Duration.FromHours(72 + 1));
    }

    [Fact]
    public void A_public_holiday_is_not_a_working_day()
    {
        // 30.11 (Saint Andrew) and 1.12 (National Day) are holidays in Romania.
        var calendar = Calendar(new LocalDate(2026, 11, 30), new LocalDate(2026, 12, 1));
        calendar.AddWorkingHours(At(2026, 11, 27, 15), 4).ShouldBe(At(2026, 12, 2, 11));
        calendar.AddWorkingDays(At(2026, 11, 27, 10), 1).ShouldBe(At(2026, 12, 2, 16));
    }

    [Fact]
    public void Time_before_opening_counts_from_the_opening_and_after_closing_from_the_next_day()
    {
        Calendar().AddWorkingHours(At(2026, 11, 26, 6, 30), 2).ShouldBe(At(2026, 11, 26, 10));
        Calendar().AddWorkingHours(At(2026, 11, 26, 19), 2).ShouldBe(At(2026, 11, 27, 10));
        Calendar().AddWorkingHours(At(2026, 11, 28, 12), 1).ShouldBe(At(2026, 11, 30, 9));
        Calendar().AddWorkingDays(At(2026, 3, 27, 9), 1).ShouldBe(At(2026, 3, 30, 16));
    }

    [Fact]
    public void Working_time_between_two_instants_counts_only_working_hours_of_working_days()
    {
        var calendar = Calendar(new LocalDate(2026, 10, 27));
        // Monday 10:00 to Wednesday 10:00 with Tuesday a holiday: 6 hours on Monday, 2 on Wednesday.
        calendar.WorkingTimeBetween(At(2026, 10, 26, 10), At(2026, 10, 28, 10)).ShouldBe(Duration.FromHours(8));
        // Friday evening to Monday morning, across the clock change: nothing.
        calendar.WorkingTimeBetween(At(2026, 10, 23, 17), At(2026, 10, 26, 7)).ShouldBe(Duration.Zero);
        calendar.WorkingTimeBetween(At(2026, 10, 26, 12), At(2026, 10, 26, 9)).ShouldBe(Duration.Zero);
        calendar.WorkingTimeBetween(At(2026, 10, 26, 9, 30), At(2026, 10, 26, 10)).ShouldBe(Duration.FromMinutes(30));
    }
}

/// <summary>Overdue requests in the inbox, measured in the utility's calendar.</summary>
public abstract class OverdueTests(TestDatabase database) : IAsyncLifetime
{
    private RequestsHost _host = null!;

    public async Task InitializeAsync() => _host = await RequestsHost.StartAsync(database,
        now: RequestsHost.LocalAt("Europe/Bucharest", 2026, 10, 23, 15),
        settings: new Dictionary<string, string?> { ["Modular:Requests:Holidays:0"] = "2026-10-27" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_leak_reported_before_the_clock_change_and_a_holiday_is_overdue_only_after_its_working_hours()
    {
        var (_, user) = _host.CustomerWithUser();
        // Four working hours from Friday 23.10 15:00: one on Friday, three on Monday 26.10 (after the change to winter time).
        var leak = await _host.SubmitAsync(user, new SubmitRequest("leak-report",
            new Dictionary<string, string?> { ["address"] = "Str. Gării 5", ["place"] = "street" }, [], "leak"));
        leak.DueAt.ShouldBe(RequestsHost.LocalAt("Europe/Bucharest", 2026, 10, 26, 11));
        // Five working days from Friday, Tuesday 27.10 being a holiday: Monday, Wednesday, Thursday, Friday, Monday 2.11.
        var message = await _host.SubmitAsync(user);
        message.DueAt.ShouldBe(RequestsHost.LocalAt("Europe/Bucharest", 2026, 11, 2, 16));

        var supervisor = RequestsHost.Staff(StaffRoles.Supervisor);
        _host.SetLocal(2026, 10, 26, 10, 59);
        (await _host.SendAsync(new ListRequests(OverdueOnly: true), supervisor)).Value.ShouldBeEmpty();
        _host.SetLocal(2026, 10, 26, 11, 1);
        var overdue = (await _host.SendAsync(new ListRequests(OverdueOnly: true), supervisor)).Value;
        overdue.Single().RequestId.ShouldBe(leak.RequestId);
        overdue.Single().Overdue.ShouldBeTrue();
        (await _host.SendAsync(new GetMyRequests(), user)).Value.Single(r => r.RequestId == leak.RequestId).Overdue.ShouldBeTrue();

        await _host.MoveAsync(leak.RequestId, RequestStatus.Assigned, RequestStatus.InProgress, RequestStatus.Resolved);
        (await _host.SendAsync(new ListRequests(OverdueOnly: true), supervisor)).Value.ShouldBeEmpty();
    }

    [DbFact]
    public async Task The_clock_stops_while_the_request_waits_for_the_customer_and_the_due_time_moves_by_that_working_time()
    {
        var (_, user) = _host.CustomerWithUser();
        var leak = await _host.SubmitAsync(user, new SubmitRequest("leak-report",
            new Dictionary<string, string?> { ["address"] = "Str. Gării 5", ["place"] = "street" }, [], "waiting-leak"));
        leak.DueAt.ShouldBe(RequestsHost.LocalAt("Europe/Bucharest", 2026, 10, 26, 11));
        var supervisor = RequestsHost.Staff(StaffRoles.Supervisor);

        // Monday 10:00 the clerk asks the customer for a photo; the due time (11:00) passes while the customer has it.
        _host.SetLocal(2026, 10, 26, 10);
        await _host.MoveAsync(leak.RequestId, RequestStatus.Assigned, RequestStatus.InProgress, RequestStatus.WaitingForCustomer);
        _host.SetLocal(2026, 10, 28, 9, 59);
        (await _host.SendAsync(new ListRequests(OverdueOnly: true), supervisor)).Value.ShouldBeEmpty();
        (await _host.SendAsync(new GetMyRequests(), user)).Value.Single().Overdue.ShouldBeFalse();

        // Wednesday 10:00 (Tuesday a holiday) the customer answers: 8 working hours stood still, so the hour that was
        // left on Monday runs out on Wednesday at 11:00 (Monday 11:00 + 8 working hours).
        _host.SetLocal(2026, 10, 28, 10);
        (await _host.SendAsync(new ReplyToRequest(leak.RequestId, "Am atașat fotografia.", [], "reply-1"), user)).IsSuccess.ShouldBeTrue();
        var details = (await _host.SendAsync(new GetRequest(leak.RequestId), user)).Value;
        details.Summary.Status.ShouldBe(RequestStatus.InProgress);
        details.Summary.DueAt.ShouldBe(RequestsHost.LocalAt("Europe/Bucharest", 2026, 10, 28, 11));
        _host.SetLocal(2026, 10, 28, 11, 1);
        (await _host.SendAsync(new ListRequests(OverdueOnly: true), supervisor)).Value.Single().RequestId.ShouldBe(leak.RequestId);
    }
}

public sealed class SqliteOverdueTests(SqliteDatabase database) : OverdueTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresOverdueTests(PostgresDatabase database) : OverdueTests(database), IClassFixture<PostgresDatabase>;
