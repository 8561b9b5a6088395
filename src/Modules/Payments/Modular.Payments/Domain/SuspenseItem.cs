using Modular.Core.Money;
using Modular.Payments.Contracts;
using NodaTime;

namespace Modular.Payments.Domain;

/// <summary>
/// Imported money no customer could be found for. Staff decide once – assign it, return it to the payer or split it
/// into parts – unless a bank reversal takes it back first; every change moves the version token.
/// </summary>
internal sealed class SuspenseItem
{
    private SuspenseItem()
    {
    }

    public SuspenseItem(Guid id, string externalKey, string source, Money amount, LocalDate valueDate, string? reference, string? payer,
        string reason, Guid importId, Instant now)
    {
        Id = id;
        ExternalKey = externalKey;
        Source = source;
        Amount = amount.Amount;
        Currency = amount.Currency;
        ValueDate = valueDate;
        Reference = reference;
        Payer = payer;
        Reason = reason;
        ImportId = importId;
        CreatedAt = now;
        Status = SuspenseStatus.Open;
    }

    public Guid Id { get; private set; }

    /// <summary>Same key scheme as imported payments; unique, so a line lands either here or as a payment, once.</summary>
    public string ExternalKey { get; private set; } = null!;

    public string Source { get; private set; } = null!;

    public decimal Amount { get; private set; }

    public Currency Currency { get; private set; }

    public LocalDate ValueDate { get; private set; }

    public string? Reference { get; private set; }

    public string? Payer { get; private set; }

    public string Reason { get; private set; } = null!;

    public SuspenseStatus Status { get; private set; }

    public Guid? PaymentId { get; private set; }

    /// <summary>Who assigned, returned or split it (column <c>AssignedBy</c>).</summary>
    public Guid? DecidedBy { get; private set; }

    /// <summary>Why staff returned it.</summary>
    public string? Note { get; private set; }

    /// <summary>The entry this one is a part of.</summary>
    public Guid? ParentId { get; private set; }

    public Instant? ClosedAt { get; private set; }

    public Guid ImportId { get; private set; }

    public Instant CreatedAt { get; private set; }

    public int Version { get; private set; }

    public Money Money => new(Amount, Currency);

    public bool Assign(Guid paymentId, Guid? by, Instant now)
    {
        if (Status != SuspenseStatus.Open)
        {
            return false;
        }

        Status = SuspenseStatus.Assigned;
        PaymentId = paymentId;
        DecidedBy = by;
        ClosedAt = now;
        Version++;
        return true;
    }

    public bool Return(string note, Guid? by, Instant now)
    {
        if (Status != SuspenseStatus.Open)
        {
            return false;
        }

        Status = SuspenseStatus.Returned;
        Note = note;
        DecidedBy = by;
        ClosedAt = now;
        Version++;
        return true;
    }

    /// <summary>
    /// Closes this entry as split and answers its parts: open entries with the same origin, keyed "split:{id}:{n}"
    /// (imported lines' keys start with "camt:" or "partner:", so a part never collides with a later line).
    /// </summary>
    public IReadOnlyList<SuspenseItem>? Split(IReadOnlyList<(Guid Id, decimal Amount)> parts, Guid? by, Instant now)
    {
        if (Status != SuspenseStatus.Open)
        {
            return null;
        }

        Status = SuspenseStatus.Split;
        DecidedBy = by;
        ClosedAt = now;
        Version++;
        return parts.Select((part, n) => new SuspenseItem(part.Id, $"split:{Id:N}:{n + 1}", Source, new Money(part.Amount, Currency), ValueDate,
            Reference, Payer, Reason, ImportId, now) { ParentId = Id }).ToList();
    }

    public bool Reverse(Instant now)
    {
        if (Status != SuspenseStatus.Open)
        {
            return false;
        }

        Status = SuspenseStatus.Reversed;
        ClosedAt = now;
        Version++;
        return true;
    }
}

/// <summary>One imported file: what it was and what it did.</summary>
internal sealed class PaymentImport
{
    private PaymentImport()
    {
    }

    public PaymentImport(Guid id, string kind, string source, string fileName, Instant at)
    {
        Id = id;
        Kind = kind;
        Source = source;
        FileName = fileName;
        ImportedAt = at;
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = null!;

    public string Source { get; private set; } = null!;

    public string FileName { get; private set; } = null!;

    public Instant ImportedAt { get; private set; }

    public int Total { get; set; }

    public int Matched { get; set; }

    public int Unmatched { get; set; }

    public int Duplicates { get; set; }

    public int Rejected { get; set; }
}

/// <summary>A refund or reversal, keyed so a repeated request does nothing twice.</summary>
internal sealed class PaymentRefund
{
    private PaymentRefund()
    {
    }

    public PaymentRefund(Guid id, Guid paymentId, Money amount, string reason, string idempotencyKey, string? gatewayRefundId, Instant at)
    {
        Id = id;
        PaymentId = paymentId;
        Amount = amount.Amount;
        Currency = amount.Currency;
        Reason = reason;
        IdempotencyKey = idempotencyKey;
        GatewayRefundId = gatewayRefundId;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public decimal Amount { get; private set; }

    public Currency Currency { get; private set; }

    public string Reason { get; private set; } = null!;

    public string IdempotencyKey { get; private set; } = null!;

    public string? GatewayRefundId { get; private set; }

    public Instant At { get; private set; }
}
