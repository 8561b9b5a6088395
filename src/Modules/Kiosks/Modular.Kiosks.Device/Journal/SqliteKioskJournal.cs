using Modular.Kiosks.Device.Ports;

namespace Modular.Kiosks.Device.Journal;

/// <summary>The kiosk's journal in a SQLite file (<c>Modular:Kiosk:JournalPath</c>): one row per entry, one per note; WAL, synchronous FULL.</summary>
public sealed class SqliteKioskJournal : IKioskJournal
{
    public Task BeginAsync(JournalEntryStart entry, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task NoteAcceptedAsync(Guid entryId, Note note, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task CardAuthorizedAsync(Guid entryId, CardAuthorization authorization, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<JournalEntry> CompleteAsync(Guid entryId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task CancelAsync(Guid entryId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<JournalEntry>> PendingAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task MarkPostedAsync(Guid entryId, Guid paymentId, string receiptNumber, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<JournalEntry?> GetAsync(Guid entryId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<int> RecoverAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
}
