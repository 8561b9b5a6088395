using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device.Ports;
using NodaTime;

namespace Modular.Kiosks.Device.Journal;

/// <summary>Where a journal entry is.</summary>
public enum JournalEntryState
{
    /// <summary>The customer is paying: notes may be accepted, the card may be authorized.</summary>
    Started,

    /// <summary>Money was taken; the entry waits to be posted.</summary>
    Completed,

    /// <summary>Nothing was taken; the entry is closed.</summary>
    Cancelled,

    /// <summary>Posted to Payments (<see cref="JournalEntry.PaymentId"/>) and to the kiosk's day.</summary>
    Posted,
}

/// <summary>
/// A payment beginning at the kiosk for one customer: <paramref name="Amount"/> is what the customer chose to pay (cash
/// may go over it: the excess becomes credit). <paramref name="Culture"/> is the customer's language for the receipt.
/// </summary>
public sealed record JournalEntryStart(
    Guid EntryId,
    Guid CustomerId,
    string ClientCode,
    IReadOnlyList<Guid> InvoiceIds,
    KioskMethod Method,
    decimal Amount,
    string Currency,
    string Culture);

/// <summary>A card payment the terminal approved.</summary>
public sealed record CardAuthorization(string Code, string? CardLast4);

/// <summary>A journal entry as stored on the kiosk.</summary>
/// <param name="Amount">What the customer chose to pay.</param>
/// <param name="Notes">Notes accepted (cash), in the order they were stacked.</param>
/// <param name="CompletedAt">When the money was taken (the time that decides the kiosk's day).</param>
/// <param name="Recovered">Completed on restart: the kiosk stopped mid-payment after money was taken.</param>
public sealed record JournalEntry(
    Guid EntryId,
    Guid CustomerId,
    string ClientCode,
    IReadOnlyList<Guid> InvoiceIds,
    KioskMethod Method,
    decimal Amount,
    string Currency,
    string Culture,
    JournalEntryState State,
    IReadOnlyList<Note> Notes,
    CardAuthorization? Card,
    Instant StartedAt,
    Instant? CompletedAt,
    Guid? PaymentId,
    string? ReceiptNumber,
    Instant? PostedAt,
    bool Recovered)
{
    /// <summary>The money taken: the notes' sum (cash) or the amount authorized (card).</summary>
    public decimal Taken => Method == KioskMethod.Cash ? Notes.Sum(n => n.Denomination) : Card is null ? 0m : Amount;
}

/// <summary>
/// The kiosk's local journal: every step of a payment is on disk before the kiosk acts on it, so neither a crash nor a
/// network outage loses money. The shipped <c>SqliteKioskJournal</c> keeps one row per entry and one per note in a SQLite
/// file (<c>Modular:Kiosk:JournalPath</c>, WAL, synchronous FULL). An implementation must guarantee:
/// <list type="bullet">
/// <item>Every method returns only once its change is durable (flushed to disk).</item>
/// <item><see cref="NoteAcceptedAsync"/> is called inside the acceptor's escrow callback, BEFORE the acceptor is told to
/// keep the note; a note recorded is money taken.</item>
/// <item>Transitions are one way: Started → Completed → Posted, or Started → Cancelled (only with nothing taken). A repeat
/// of a transition already made is a no-op (<see cref="CompleteAsync"/> twice, <see cref="MarkPostedAsync"/> twice
/// with the same payment).</item>
/// <item><see cref="RecoverAsync"/> (at start, before anything else) completes the entries left Started with money
/// taken, so they are posted, and cancels the ones with nothing taken.</item>
/// </list>
/// </summary>
public interface IKioskJournal
{
    /// <summary>Starts an entry (a repeat of the same entry id is a no-op).</summary>
    Task BeginAsync(JournalEntryStart entry, CancellationToken cancellationToken);

    /// <summary>Records a note held in escrow; the acceptor keeps it only after this returned.</summary>
    Task NoteAcceptedAsync(Guid entryId, Note note, CancellationToken cancellationToken);

    /// <summary>Records the terminal's approval.</summary>
    Task CardAuthorizedAsync(Guid entryId, CardAuthorization authorization, CancellationToken cancellationToken);

    /// <summary>Money taken: the entry is ready to post. Answers the entry as completed.</summary>
    Task<JournalEntry> CompleteAsync(Guid entryId, CancellationToken cancellationToken);

    /// <summary>Nothing taken: the entry is closed. Refused (<see cref="InvalidOperationException"/>) once money was taken.</summary>
    Task CancelAsync(Guid entryId, CancellationToken cancellationToken);

    /// <summary>The entries completed and not yet posted, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> PendingAsync(CancellationToken cancellationToken);

    /// <summary>The entry posted as <paramref name="paymentId"/> with <paramref name="receiptNumber"/>.</summary>
    Task MarkPostedAsync(Guid entryId, Guid paymentId, string receiptNumber, CancellationToken cancellationToken);

    /// <summary>One entry, or null.</summary>
    Task<JournalEntry?> GetAsync(Guid entryId, CancellationToken cancellationToken);

    /// <summary>After a restart: entries left Started are completed (money taken) or cancelled (nothing taken). Answers how many were completed.</summary>
    Task<int> RecoverAsync(CancellationToken cancellationToken);
}
