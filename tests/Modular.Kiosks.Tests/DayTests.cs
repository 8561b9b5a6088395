using Modular.Core.Access;
using Modular.Kiosks.Contracts;
using NodaTime;
using Shouldly;

namespace Modular.Kiosks.Tests;

/// <summary>A kiosk's transactions (once per journal entry) and its days: reports, closed once, later money on the next day.</summary>
public abstract class DayTests(TestDatabase database) : IAsyncLifetime
{
    private KiosksHost _host = null!;
    private Guid _kiosk;

    public async Task InitializeAsync()
    {
        _host = await KiosksHost.StartAsync(database);
        _kiosk = await _host.SeedKioskAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private RecordKioskTransaction Cash(decimal amount, params NoteCount[] notes) =>
        new(_kiosk, Guid.NewGuid(), Guid.NewGuid(), KioskMethod.Cash, amount, "RON", notes, null, _host.Clock.GetCurrentInstant());

    private RecordKioskTransaction Card(decimal amount) =>
        new(_kiosk, Guid.NewGuid(), Guid.NewGuid(), KioskMethod.Card, amount, "RON", [], "A1B2C3", _host.Clock.GetCurrentInstant());

    [DbFact]
    public async Task The_day_report_totals_by_method_and_counts_notes_by_denomination()
    {
        await Record(Cash(150m, new NoteCount(100m, 1), new NoteCount(50m, 1)));
        await Record(Cash(250m, new NoteCount(100m, 2), new NoteCount(50m, 1)));
        await Record(Card(80.35m));

        var report = (await _host.SendAsync(new GetKioskDay(_kiosk, _host.Today), KiosksHost.Cashier)).Value;

        report.Receipts.ShouldBe(3);
        report.Totals.ShouldBe([new KioskMethodTotal(KioskMethod.Cash, "RON", 2, 400m), new KioskMethodTotal(KioskMethod.Card, "RON", 1, 80.35m)]);
        report.Notes.ShouldBe([new NoteCount(100m, 3), new NoteCount(50m, 2)]);
        report.CashInBox.ShouldBe(400m);
        report.ClosedAt.ShouldBeNull();
    }

    [DbFact]
    public async Task A_transaction_is_recorded_once_per_journal_entry_and_a_changed_repeat_is_refused()
    {
        var transaction = Cash(100m, new NoteCount(100m, 1));

        var first = await _host.SendAsync(transaction);
        var again = await _host.SendAsync(transaction);
        var twins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.SendAsync(transaction)));

        first.Value.Repeat.ShouldBeFalse();
        again.Value.ShouldBe(new KioskTransactionRecorded(_host.Today, true));
        twins.ShouldAllBe(t => t.IsSuccess && t.Value.Repeat);
        (await _host.TransactionsOfEntryAsync(transaction.EntryId)).ShouldBe(1);
        (await _host.SendAsync(transaction with { Amount = 200m, Notes = [new NoteCount(100m, 2)] })).Error.Code.ShouldBe("kiosks.entry_reused");
    }

    [DbFact]
    public async Task Transactions_that_do_not_add_up_are_refused()
    {
        (await _host.SendAsync(Cash(120m, new NoteCount(100m, 1)))).Error.Code.ShouldBe("kiosks.notes_do_not_add_up");
        (await _host.SendAsync(Card(10m) with { CardAuthorization = null })).Error.Code.ShouldBe("kiosks.card_authorization_required");
        (await _host.SendAsync(Cash(0m))).Errors.ShouldContain(e => e.Code == "kiosks.amount_not_positive");
        (await _host.SendAsync(Cash(100m, new NoteCount(100m, 1)) with { KioskId = Guid.NewGuid() })).Error.Code.ShouldBe("kiosks.kiosk_not_found");
        (await _host.SendAsync(new GetKioskDay(_kiosk, _host.Today), KiosksHost.Cashier)).Value.Receipts.ShouldBe(0);
    }

    [DbFact]
    public async Task A_day_closes_once_and_money_taken_later_counts_on_the_next_day()
    {
        await Record(Cash(50m, new NoteCount(50m, 1)));
        var supervisor = KiosksHost.Supervisor;

        var closed = await _host.SendAsync(new CloseKioskDay(_kiosk, _host.Today), supervisor);
        var again = await _host.SendAsync(new CloseKioskDay(_kiosk, _host.Today), supervisor);

        closed.Value.ClosedAt.ShouldBe(_host.Clock.GetCurrentInstant());
        closed.Value.ClosedBy.ShouldBe(supervisor.StaffId);
        closed.Value.AlreadyClosed.ShouldBeFalse();
        again.Value.AlreadyClosed.ShouldBeTrue();
        (again.Value.ClosedAt, again.Value.ClosedBy, again.Value.Receipts, again.Value.CashInBox)
            .ShouldBe((closed.Value.ClosedAt, closed.Value.ClosedBy, closed.Value.Receipts, closed.Value.CashInBox));
        again.Value.Totals.ShouldBe(closed.Value.Totals);
        again.Value.Notes.ShouldBe(closed.Value.Notes);

        var late = await _host.SendAsync(Card(30m));
        late.Value.Day.ShouldBe(_host.Today.PlusDays(1));
        (await _host.SendAsync(new GetKioskDay(_kiosk, _host.Today), supervisor)).Value.Receipts.ShouldBe(1);
        var details = (await _host.SendAsync(new GetKiosk(_kiosk), supervisor)).Value;
        details.Days.Select(d => (d.Day, d.Receipts, d.Closed)).ShouldBe([(_host.Today.PlusDays(1), 1, false), (_host.Today, 1, true)]);
    }

    [DbFact]
    public async Task Two_closes_racing_close_the_day_once_and_both_answer_its_report()
    {
        await Record(Cash(100m, new NoteCount(100m, 1)));

        var closes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.SendAsync(new CloseKioskDay(_kiosk, _host.Today), KiosksHost.Supervisor)));

        closes.ShouldAllBe(c => c.IsSuccess);
        closes.Count(c => !c.Value.AlreadyClosed).ShouldBe(1);
        closes.Select(c => c.Value.ClosedAt).Distinct().Count().ShouldBe(1);
        closes.ShouldAllBe(c => c.Value.Receipts == 1 && c.Value.CashInBox == 100m);
    }

    [DbFact]
    public async Task Transactions_racing_a_close_each_count_once_in_the_closed_day_or_the_next()
    {
        var transactions = Enumerable.Range(0, 8).Select(_ => Cash(10m, new NoteCount(10m, 1))).ToList();

        var recording = transactions.Select(t => _host.SendAsync(t)).ToList();
        var close = _host.SendAsync(new CloseKioskDay(_kiosk, _host.Today), KiosksHost.Supervisor);
        await Task.WhenAll(recording);
        var report = (await close).Value;

        recording.ShouldAllBe(r => r.Result.IsSuccess);
        var today = recording.Count(r => r.Result.Value.Day == _host.Today);
        report.Receipts.ShouldBe(today, "the closed report counts exactly the transactions of its day");
        (await _host.SendAsync(new GetKioskDay(_kiosk, _host.Today), KiosksHost.Supervisor)).Value.Receipts.ShouldBe(today);
        var tomorrow = (await _host.SendAsync(new GetKioskDay(_kiosk, _host.Today.PlusDays(1)), KiosksHost.Supervisor)).Value;
        tomorrow.Receipts.ShouldBe(8 - today);
    }

    [DbFact]
    public async Task A_day_not_yet_begun_cannot_be_closed_and_the_kiosk_closes_its_own_day_as_the_system()
    {
        (await _host.SendAsync(new CloseKioskDay(_kiosk, _host.Today.PlusDays(1)), KiosksHost.Supervisor)).Error.Code.ShouldBe("kiosks.day_in_future");

        var closed = await _host.SendAsync(new CloseKioskDay(_kiosk, _host.Today), Caller.System);

        closed.Value.ClosedBy.ShouldBeNull();
        closed.Value.Receipts.ShouldBe(0);
    }

    [DbFact]
    public async Task The_list_shows_todays_totals_and_whether_the_day_is_closed()
    {
        await Record(Cash(200m, new NoteCount(200m, 1)));
        await Record(Card(45m));
        _host.Clock.Advance(Duration.FromHours(1));

        var view = (await _host.SendAsync(new ListKiosks(), KiosksHost.Cashier)).Value.Single(k => k.KioskId == _kiosk);

        view.Today.ShouldBe(new KioskDaySummary(_host.Today, 2, 200m, 45m, "RON", false, null));
        await _host.SendAsync(new CloseKioskDay(_kiosk, _host.Today), KiosksHost.Supervisor);
        (await _host.SendAsync(new ListKiosks(), KiosksHost.Cashier)).Value.Single(k => k.KioskId == _kiosk).Today.Closed.ShouldBeTrue();
    }

    private async Task Record(RecordKioskTransaction transaction)
    {
        var result = await _host.SendAsync(transaction);
        result.IsSuccess.ShouldBeTrue(result.ToString());
    }
}

public sealed class SqliteDayTests(SqliteDatabase database) : DayTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDayTests(PostgresDatabase database) : DayTests(database), IClassFixture<PostgresDatabase>;
