using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device;
using Modular.Kiosks.Device.Journal;
using Modular.Kiosks.Device.Ports;
using Modular.Kiosks.Device.Simulators;
using NodaTime;
using Shouldly;

namespace Modular.Kiosks.Tests;

/// <summary>The kiosk's SQLite journal: every transition, what it refuses, recovery after a stop, and notes journaled before they are kept.</summary>
public sealed class JournalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "modular-tests", "journal-" + Guid.NewGuid().ToString("N"), "journal.db");
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 1, 8, 0));
    private readonly SqliteKioskJournal _journal;

    public JournalTests() => _journal = new SqliteKioskJournal(_path, _clock);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path.GetDirectoryName(_path)))
        {
            Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        }
    }

    private static JournalEntryStart Start(KioskMethod method = KioskMethod.Cash, decimal amount = 120m) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "100001", [Guid.NewGuid()], method, amount, "RON", "lv");

    /// <summary>The journal as another process would find it: a new instance on the same file.</summary>
    private SqliteKioskJournal Reopened() => new(_path, _clock);

    [Fact]
    public async Task A_cash_entry_goes_from_started_to_completed_to_posted_with_its_notes_in_order()
    {
        var start = Start();
        await _journal.BeginAsync(start, CancellationToken.None);
        await _journal.BeginAsync(start, CancellationToken.None);
        (await _journal.GetAsync(start.EntryId, CancellationToken.None))!.State.ShouldBe(JournalEntryState.Started);

        await _journal.NoteAcceptedAsync(start.EntryId, new Note(100m, "RON"), CancellationToken.None);
        await _journal.NoteAcceptedAsync(start.EntryId, new Note(50m, "RON"), CancellationToken.None);
        _clock.Advance(Duration.FromMinutes(1));
        var completed = await _journal.CompleteAsync(start.EntryId, CancellationToken.None);

        completed.State.ShouldBe(JournalEntryState.Completed);
        completed.Notes.Select(n => n.Denomination).ShouldBe([100m, 50m]);
        completed.Taken.ShouldBe(150m);
        completed.CompletedAt.ShouldBe(_clock.GetCurrentInstant());
        completed.Recovered.ShouldBeFalse();
        (completed.ClientCode, completed.Culture, completed.Amount, completed.Currency).ShouldBe(("100001", "lv", 120m, "RON"));
        (await _journal.CompleteAsync(start.EntryId, CancellationToken.None)).State.ShouldBe(JournalEntryState.Completed, "completing twice is a no-op");
        (await Reopened().PendingAsync(CancellationToken.None)).Select(e => e.EntryId).ShouldBe([start.EntryId]);

        var payment = Guid.NewGuid();
        await _journal.MarkPostedAsync(start.EntryId, payment, "R 000001", CancellationToken.None);
        await _journal.MarkPostedAsync(start.EntryId, payment, "R 000001", CancellationToken.None);

        var posted = (await Reopened().GetAsync(start.EntryId, CancellationToken.None))!;
        posted.State.ShouldBe(JournalEntryState.Posted);
        posted.PaymentId.ShouldBe(payment);
        posted.ReceiptNumber.ShouldBe("R 000001");
        (await _journal.PendingAsync(CancellationToken.None)).ShouldBeEmpty();
        await Should.ThrowAsync<InvalidOperationException>(() => _journal.MarkPostedAsync(start.EntryId, Guid.NewGuid(), "R 000002", CancellationToken.None));
        await Should.ThrowAsync<InvalidOperationException>(() => _journal.NoteAcceptedAsync(start.EntryId, new Note(10m, "RON"), CancellationToken.None));
    }

    [Fact]
    public async Task A_card_entry_takes_its_amount_once_authorized_and_takes_no_notes()
    {
        var start = Start(KioskMethod.Card, 80.35m);
        await _journal.BeginAsync(start, CancellationToken.None);
        await Should.ThrowAsync<InvalidOperationException>(() => _journal.NoteAcceptedAsync(start.EntryId, new Note(10m, "RON"), CancellationToken.None));
        await Should.ThrowAsync<InvalidOperationException>(() => _journal.CompleteAsync(start.EntryId, CancellationToken.None), "nothing taken yet");

        await _journal.CardAuthorizedAsync(start.EntryId, new CardAuthorization("A1B2C3", "4242"), CancellationToken.None);
        await _journal.CardAuthorizedAsync(start.EntryId, new CardAuthorization("A1B2C3", "4242"), CancellationToken.None);
        var completed = await _journal.CompleteAsync(start.EntryId, CancellationToken.None);

        completed.Card.ShouldBe(new CardAuthorization("A1B2C3", "4242"));
        completed.Taken.ShouldBe(80.35m);
        await Should.ThrowAsync<InvalidOperationException>(() => _journal.CancelAsync(start.EntryId, CancellationToken.None));
    }

    [Fact]
    public async Task An_entry_with_nothing_taken_is_cancelled_and_one_with_money_taken_cannot_be()
    {
        var nothing = Start();
        var money = Start();
        await _journal.BeginAsync(nothing, CancellationToken.None);
        await _journal.BeginAsync(money, CancellationToken.None);
        await _journal.NoteAcceptedAsync(money.EntryId, new Note(10m, "RON"), CancellationToken.None);

        await _journal.CancelAsync(nothing.EntryId, CancellationToken.None);
        await _journal.CancelAsync(nothing.EntryId, CancellationToken.None);

        (await _journal.GetAsync(nothing.EntryId, CancellationToken.None))!.State.ShouldBe(JournalEntryState.Cancelled);
        await Should.ThrowAsync<InvalidOperationException>(() => _journal.CompleteAsync(nothing.EntryId, CancellationToken.None));
        await Should.ThrowAsync<InvalidOperationException>(() => _journal.CancelAsync(money.EntryId, CancellationToken.None));
        (await _journal.GetAsync(money.EntryId, CancellationToken.None))!.State.ShouldBe(JournalEntryState.Started);
        await Should.ThrowAsync<InvalidOperationException>(() => _journal.NoteAcceptedAsync(Guid.NewGuid(), new Note(10m, "RON"), CancellationToken.None));
    }

    [Fact]
    public async Task After_a_restart_entries_with_money_taken_are_completed_and_the_others_cancelled()
    {
        var cash = Start();
        var card = Start(KioskMethod.Card, 30m);
        var empty = Start();
        foreach (var start in new[] { cash, card, empty })
        {
            await _journal.BeginAsync(start, CancellationToken.None);
        }

        await _journal.NoteAcceptedAsync(cash.EntryId, new Note(200m, "RON"), CancellationToken.None);
        await _journal.CardAuthorizedAsync(card.EntryId, new CardAuthorization("OK1", null), CancellationToken.None);

        var noteTaken = _clock.GetCurrentInstant();
        _clock.Advance(Duration.FromMinutes(30));
        var reopened = Reopened();
        (await reopened.RecoverAsync(CancellationToken.None)).ShouldBe(2);
        (await reopened.RecoverAsync(CancellationToken.None)).ShouldBe(0);

        var pending = await reopened.PendingAsync(CancellationToken.None);
        pending.Select(e => e.EntryId).ShouldBe([cash.EntryId, card.EntryId], ignoreOrder: true);
        pending.ShouldAllBe(e => e.Recovered);
        pending.Single(e => e.EntryId == cash.EntryId).CompletedAt.ShouldBe(noteTaken, "the money was taken with the last note, not at the restart");
        (await reopened.GetAsync(empty.EntryId, CancellationToken.None))!.State.ShouldBe(JournalEntryState.Cancelled);
    }

    [Fact]
    public async Task A_note_is_on_disk_before_the_acceptor_keeps_it_and_a_note_not_journaled_is_returned()
    {
        var acceptor = new SimulatedCashAcceptor(Options.Create(new KioskDeviceOptions()));
        var start = Start();
        await _journal.BeginAsync(start, CancellationToken.None);
        var onDiskWhenKept = new List<int>();
        var journalFirst = _journal.JournalFirst(start.EntryId, 150m);
        await acceptor.StartAsync(start.EntryId, 150m, "RON", async (note, ct) =>
        {
            var keep = await journalFirst(note, ct);
            // What another process reading the file finds at the moment the acceptor is told to keep the note.
            onDiskWhenKept.Add((await Reopened().GetAsync(start.EntryId, ct))!.Notes.Count);
            return keep;
        }, CancellationToken.None);

        (await acceptor.InsertAsync(100m)).ShouldBeTrue();
        (await acceptor.InsertAsync(7m)).ShouldBeFalse("a denomination the acceptor does not take");
        (await acceptor.InsertAsync(100m)).ShouldBeFalse("over the maximum");
        (await acceptor.InsertAsync(50m)).ShouldBeTrue();

        onDiskWhenKept.ShouldBe([1, 2]);
        var accepted = await acceptor.StopAsync(start.EntryId, CancellationToken.None);
        accepted.Total.ShouldBe(150m);
        (await Reopened().GetAsync(start.EntryId, CancellationToken.None))!.Taken.ShouldBe(150m);

        // The journal refuses the note (the entry was cancelled meanwhile): the acceptor returns it.
        var other = Start();
        await _journal.BeginAsync(other, CancellationToken.None);
        await acceptor.StartAsync(other.EntryId, 500m, "RON", (note, ct) => NoteAfterCancelAsync(other.EntryId, note, ct), CancellationToken.None);
        (await acceptor.InsertAsync(100m)).ShouldBeFalse();
        (await acceptor.StopAsync(other.EntryId, CancellationToken.None)).Notes.ShouldBeEmpty();
        (await _journal.GetAsync(other.EntryId, CancellationToken.None))!.Notes.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_simulated_terminal_approves_declines_configured_amounts_and_answers_an_entry_once()
    {
        var terminal = new SimulatedCardTerminal(Options.Create(new KioskDeviceOptions { DeclineAmounts = [13m] }));
        var entry = Guid.NewGuid();

        var approved = await terminal.AuthorizeAsync(new CardRequest(entry, 80m, "RON"), CancellationToken.None);
        var again = await terminal.AuthorizeAsync(new CardRequest(entry, 80m, "RON"), CancellationToken.None);
        var declined = await terminal.AuthorizeAsync(new CardRequest(Guid.NewGuid(), 13m, "RON"), CancellationToken.None);
        var cancelled = await terminal.AuthorizeAsync(new CardRequest(Guid.NewGuid(), 20m, "RON"), new CancellationToken(true));

        approved.Outcome.ShouldBe(CardOutcome.Approved);
        approved.CardLast4!.Length.ShouldBeLessThanOrEqualTo(4);
        again.ShouldBe(approved);
        declined.Outcome.ShouldBe(CardOutcome.Declined);
        cancelled.Outcome.ShouldBe(CardOutcome.Cancelled);
    }

    private async Task<bool> NoteAfterCancelAsync(Guid entryId, Note note, CancellationToken cancellationToken)
    {
        await _journal.CancelAsync(entryId, cancellationToken);
        await _journal.NoteAcceptedAsync(entryId, note, cancellationToken);
        return true;
    }
}
