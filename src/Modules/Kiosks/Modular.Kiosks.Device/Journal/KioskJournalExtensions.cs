using Modular.Kiosks.Device.Ports;

namespace Modular.Kiosks.Device.Journal;

public static class KioskJournalExtensions
{
    /// <summary>
    /// The acceptor's escrow callback for a cash entry: each note is written to the journal (durably) and only then kept;
    /// a note over <paramref name="maximum"/> (the sum of the entry's notes so far plus this one) is returned instead.
    /// Pass it to <see cref="ICashAcceptor.StartAsync"/>.
    /// </summary>
    public static NoteEscrowed JournalFirst(this IKioskJournal journal, Guid entryId, decimal maximum) => async (note, cancellationToken) =>
    {
        var entry = await journal.GetAsync(entryId, cancellationToken);
        if (entry is null || entry.State != JournalEntryState.Started || entry.Taken + note.Denomination > maximum)
        {
            return false;
        }

        await journal.NoteAcceptedAsync(entryId, note, cancellationToken);
        return true;
    };
}
