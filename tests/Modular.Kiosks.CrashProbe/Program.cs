using System.Globalization;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device.Journal;
using Modular.Kiosks.Device.Ports;
using NodaTime;

// Arguments: journal path, entry id, customer id, client code, then the notes to accept (denominations).
// It begins the cash entry, accepts each note into the journal, prints "accepted {n}" after each, then "ready" and waits
// on its standard input: the test kills it before it completes the entry (and if the test goes away first, its end of
// the pipe closes and the probe ends instead of staying behind).
var journal = new SqliteKioskJournal(args[0], SystemClock.Instance);
var entryId = Guid.Parse(args[1], CultureInfo.InvariantCulture);
await journal.BeginAsync(new JournalEntryStart(entryId, Guid.Parse(args[2], CultureInfo.InvariantCulture), args[3], [], KioskMethod.Cash, 100m, "RON", "ro"),
    CancellationToken.None);
var count = 0;
foreach (var note in args.Skip(4))
{
    await journal.NoteAcceptedAsync(entryId, new Note(decimal.Parse(note, CultureInfo.InvariantCulture), "RON"), CancellationToken.None);
    Console.WriteLine($"accepted {++count}");
}

Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
