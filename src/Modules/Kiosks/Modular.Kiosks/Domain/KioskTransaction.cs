using Modular.Kiosks.Contracts;
using NodaTime;

namespace Modular.Kiosks.Domain;

/// <summary>A payment a kiosk took, recorded once per journal entry (<see cref="EntryId"/> is unique per kiosk).</summary>
internal sealed class KioskTransaction
{
    private KioskTransaction()
    {
        Currency = string.Empty;
        Notes = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid KioskId { get; private set; }

    public Guid EntryId { get; private set; }

    public Guid PaymentId { get; private set; }

    public LocalDate Day { get; private set; }

    public KioskMethod Method { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    /// <summary>The notes as <c>denomination x count</c> pairs separated by <c>;</c> (invariant culture).</summary>
    public string Notes { get; private set; }

    public string? CardAuthorization { get; private set; }

    public Instant TakenAt { get; private set; }

    public Instant RecordedAt { get; private set; }

    public static KioskTransaction Record(Guid id, Guid kioskId, Guid entryId, Guid paymentId, LocalDate day, KioskMethod method, decimal amount,
        string currency, IReadOnlyList<NoteCount> notes, string? cardAuthorization, Instant takenAt, Instant now) => new()
    {
        Id = id,
        KioskId = kioskId,
        EntryId = entryId,
        PaymentId = paymentId,
        Day = day,
        Method = method,
        Amount = amount,
        Currency = currency,
        Notes = NoteText.Format(notes),
        CardAuthorization = cardAuthorization,
        TakenAt = takenAt,
        RecordedAt = now,
    };

    public IReadOnlyList<NoteCount> NoteCounts => NoteText.Parse(Notes);

    /// <summary>Whether a repeat of the same entry says the same thing.</summary>
    public bool Same(Guid paymentId, KioskMethod method, decimal amount, string currency) =>
        PaymentId == paymentId && Method == method && Amount == amount && Currency == currency;
}

/// <summary>Notes as text: <c>100x2;50x1</c>.</summary>
internal static class NoteText
{
    public static string Format(IEnumerable<NoteCount> notes) => string.Join(';', notes
        .GroupBy(n => n.Denomination)
        .OrderByDescending(g => g.Key)
        .Select(g => $"{g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)}x{g.Sum(n => n.Count)}"));

    public static IReadOnlyList<NoteCount> Parse(string text) => text.Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('x'))
        .Select(p => new NoteCount(decimal.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>Sums per denomination, largest first.</summary>
    public static IReadOnlyList<NoteCount> Sum(IEnumerable<NoteCount> notes) => notes
        .GroupBy(n => n.Denomination)
        .OrderByDescending(g => g.Key)
        .Select(g => new NoteCount(g.Key, g.Sum(n => n.Count)))
        .ToList();
}
