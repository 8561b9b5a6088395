namespace Modular.Kiosks.Device.Ports;

/// <summary>A bank note of <paramref name="Denomination"/> in <paramref name="Currency"/>.</summary>
public sealed record Note(decimal Denomination, string Currency);

/// <summary>What the acceptor kept for an entry: the notes stacked into the cash box, and their sum.</summary>
public sealed record CashAccepted(Guid EntryId, IReadOnlyList<Note> Notes)
{
    public decimal Total => Notes.Sum(n => n.Denomination);
}

/// <summary>
/// Called for each note held in the acceptor's escrow, before it is stacked. Answer true to stack (keep) the note,
/// false to return it to the customer. The kiosk journals the note (durably) inside this call, so a note is only kept
/// once it is on disk; when the call throws, the note is returned.
/// </summary>
public delegate Task<bool> NoteEscrowed(Note note, CancellationToken cancellationToken);

/// <summary>
/// The kiosk's bank note acceptor. No change is given: whatever is inserted over the amount due becomes the customer's
/// credit. The shipped <c>SimulatedCashAcceptor</c> takes notes from <c>Insert(denomination)</c> (the simulator buttons on
/// the kiosk screen); a real adapter is the integrator's. An adapter must guarantee:
/// <list type="bullet">
/// <item>Escrow first: a note is held, <see cref="NoteEscrowed"/> is awaited, and the note is stacked only when it
/// answered true; otherwise (false, an exception, a power cut before the answer) it is returned.</item>
/// <item>It takes no more notes once the sum of the kept ones reaches <c>maximum</c> and returns a note that would take
/// the sum over <c>maximum</c> when the callback refuses it.</item>
/// <item><see cref="StopAsync"/> disables the acceptor (returning a note still in escrow) and answers exactly the notes it
/// stacked for the entry.</item>
/// </list>
/// </summary>
public interface ICashAcceptor
{
    /// <summary>Starts accepting notes for <paramref name="entryId"/>, at most <paramref name="maximum"/> in total.</summary>
    Task StartAsync(Guid entryId, decimal maximum, string currency, NoteEscrowed onNote, CancellationToken cancellationToken);

    /// <summary>Stops accepting and answers what was kept for <paramref name="entryId"/>.</summary>
    Task<CashAccepted> StopAsync(Guid entryId, CancellationToken cancellationToken);
}
