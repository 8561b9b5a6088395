using Modular.Payments.Contracts;
using NodaTime;

namespace Modular.Payments.Domain;

/// <summary>
/// One cashier's day at one centre's desk (the utility's date). Every counter payment the cashier takes there touches it
/// (its version), and closing it changes it once: a payment and a close racing, or two closes, cannot both win.
/// </summary>
internal sealed class CashierDay
{
    private CashierDay()
    {
    }

    public CashierDay(Guid id, Guid staffId, string centre, string desk, LocalDate date)
    {
        Id = id;
        StaffId = staffId;
        Centre = centre;
        Desk = desk;
        Date = date;
    }

    public Guid Id { get; private set; }

    public Guid StaffId { get; private set; }

    public string Centre { get; private set; } = null!;

    public string Desk { get; private set; } = null!;

    public LocalDate Date { get; private set; }

    /// <summary>Payments taken and cancellations approved on this day: each one bumps it.</summary>
    public int Changes { get; private set; }

    public Instant? ClosedAt { get; private set; }

    /// <summary>What was handed over at the close (cash taken minus cash cancelled), kept as it was then.</summary>
    public decimal? ClosedCashToHandOver { get; private set; }

    public decimal? ClosedCard { get; private set; }

    public int? ClosedReceipts { get; private set; }

    public int Version { get; private set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>A payment or a cancellation of this day: the version moves, so a close that read the day before must look again.</summary>
    public void Touch()
    {
        Changes++;
        Version++;
    }

    public void Close(Instant at, decimal cashToHandOver, decimal card, int receipts)
    {
        if (IsClosed)
        {
            throw new InvalidOperationException($"Cashier day {Id} is already closed.");
        }

        ClosedAt = at;
        ClosedCashToHandOver = cashToHandOver;
        ClosedCard = card;
        ClosedReceipts = receipts;
        Version++;
    }
}

/// <summary>The centre and desk a staff session takes money at (one row per session).</summary>
internal sealed class CashierDeskChoice
{
    private CashierDeskChoice()
    {
    }

    public CashierDeskChoice(Guid sessionId, Guid staffId, string centre, string desk, Instant at)
    {
        SessionId = sessionId;
        StaffId = staffId;
        Choose(centre, desk, at);
    }

    public Guid SessionId { get; private set; }

    public Guid StaffId { get; private set; }

    public string Centre { get; private set; } = null!;

    public string Desk { get; private set; } = null!;

    public Instant ChosenAt { get; private set; }

    public void Choose(string centre, string desk, Instant at)
    {
        Centre = centre;
        Desk = desk;
        ChosenAt = at;
    }
}

/// <summary>
/// A cashier's request to cancel a counter payment of the day, decided once by a supervisor (a version token: two
/// supervisors racing, one decides). One request per payment (a unique key).
/// </summary>
internal sealed class CounterCancellation
{
    private CounterCancellation()
    {
    }

    public CounterCancellation(Guid id, Guid paymentId, Guid requestedBy, string reason, Instant at)
    {
        Id = id;
        PaymentId = paymentId;
        RequestedBy = requestedBy;
        Reason = reason;
        RequestedAt = at;
        Status = CounterCancellationStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public Guid RequestedBy { get; private set; }

    public string Reason { get; private set; } = null!;

    public Instant RequestedAt { get; private set; }

    public CounterCancellationStatus Status { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public Instant? DecidedAt { get; private set; }

    public int Version { get; private set; }

    public void Decide(bool approve, Guid supervisor, Instant at)
    {
        if (Status != CounterCancellationStatus.Pending)
        {
            throw new InvalidOperationException($"Cancellation {Id} is already decided.");
        }

        Status = approve ? CounterCancellationStatus.Approved : CounterCancellationStatus.Refused;
        DecidedBy = supervisor;
        DecidedAt = at;
        Version++;
    }
}
