using Microsoft.Extensions.Options;
using Modular.Kiosks.Device.Ports;

namespace Modular.Kiosks.Device.Simulators;

/// <summary>
/// A note acceptor for development and tests: a note is "inserted" with <see cref="InsertAsync"/> (the kiosk screen's simulator
/// buttons); it is escrowed, offered to the callback, and stacked only when the callback accepted it, as a real acceptor does.
/// </summary>
public sealed class SimulatedCashAcceptor(IOptions<KioskDeviceOptions> options) : ICashAcceptor
{
    private readonly Lock _lock = new();
    private Session? _session;

    /// <summary>The entry being paid, while the acceptor is on.</summary>
    public Guid? Accepting
    {
        get
        {
            lock (_lock)
            {
                return _session?.EntryId;
            }
        }
    }

    /// <summary>The denominations the simulator takes.</summary>
    public IReadOnlyList<decimal> Denominations => options.Value.Denominations;

    public Task StartAsync(Guid entryId, decimal maximum, string currency, NoteEscrowed onNote, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_session is not null && _session.EntryId != entryId)
            {
                throw new InvalidOperationException($"The acceptor is taking notes for entry {_session.EntryId}.");
            }

            _session ??= new Session(entryId, maximum, currency, onNote);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A customer inserts a note: answers true when it was stacked (kept), false when it was returned (not accepting, a
    /// denomination it does not take, over the maximum, or refused by the callback).
    /// </summary>
    public async Task<bool> InsertAsync(decimal denomination, CancellationToken cancellationToken = default)
    {
        Session? session;
        lock (_lock)
        {
            session = _session;
        }

        if (session is null || !options.Value.Denominations.Contains(denomination) || session.Total + denomination > session.Maximum)
        {
            return false;
        }

        var note = new Note(denomination, session.Currency);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            try
            {
                if (!await session.OnNote(note, cancellationToken))
                {
                    return false;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Not journaled: the note goes back to the customer.
                return false;
            }

            lock (_lock)
            {
                session.Stacked.Add(note);
            }

            return true;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task<CashAccepted> StopAsync(Guid entryId, CancellationToken cancellationToken)
    {
        Session? session;
        lock (_lock)
        {
            session = _session?.EntryId == entryId ? _session : null;
        }

        if (session is null)
        {
            return new CashAccepted(entryId, []);
        }

        // A note in escrow finishes first.
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                _session = null;
                return new CashAccepted(entryId, session.Stacked.ToList());
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private sealed class Session(Guid entryId, decimal maximum, string currency, NoteEscrowed onNote)
    {
        public Guid EntryId { get; } = entryId;

        public decimal Maximum { get; } = maximum;

        public string Currency { get; } = currency;

        public NoteEscrowed OnNote { get; } = onNote;

        public List<Note> Stacked { get; } = [];

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public decimal Total => Stacked.Sum(n => n.Denomination);
    }
}
