using Modular.Billing.Contracts;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Billing.Domain;

internal sealed class TariffEntry
{
    public Guid Id { get; set; }

    public TariffService Service { get; set; }

    public string Name { get; set; } = string.Empty;

    public decimal UnitPrice { get; set; }

    public decimal VatRate { get; set; }

    public Currency Currency { get; set; }

    public LocalDate ValidFrom { get; set; }

    public LocalDate? ValidTo { get; set; }

    /// <summary>Optimistic concurrency token: closing a tariff races with another tariff being added.</summary>
    public Guid Version { get; set; }

    public bool Covers(LocalDate day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);

    public Tariff ToContract() => new(Id, Service, Name, UnitPrice, VatRate, Currency, ValidFrom, ValidTo);
}

/// <summary>The last number issued in a series; updated in the same transaction as the invoices it numbers.</summary>
internal sealed class NumberSeries
{
    public string Series { get; set; } = string.Empty;

    public long LastNumber { get; set; }
}

/// <summary>
/// One billing run of a period and its progress, committed with each page: the last contract done (<see cref="Cursor"/>)
/// and the totals so far. The runner holds a lease it renews with every page; a run whose lease ran out (its process was
/// killed) or was given back (it failed) is resumed from its cursor by the next <c>RunBilling</c> of the period.
/// </summary>
internal sealed class BillingRun
{
    public Guid Id { get; set; }

    public YearMonth Period { get; set; }

    public Instant StartedAt { get; set; }

    public Instant? CompletedAt { get; set; }

    /// <summary>The last contract of the last committed page (contracts are listed by id); null before the first page.</summary>
    public Guid? Cursor { get; set; }

    /// <summary>Who runs it now (an id per RunBilling call) and until when; null when nobody does.</summary>
    public string? LeasedBy { get; set; }

    public Instant? LeaseUntil { get; set; }

    public Instant? LastProgressAt { get; set; }

    /// <summary>How many times the run was taken up again after an interruption.</summary>
    public int Resumptions { get; set; }

    public int Contracts { get; set; }

    public int Issued { get; set; }

    public int AlreadyInvoiced { get; set; }

    public int NotBillable { get; set; }

    public int Failed { get; set; }
}

internal sealed class BillingRunProblem
{
    public Guid Id { get; set; }

    public Guid RunId { get; set; }

    public Guid ContractId { get; set; }

    public string ContractNumber { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;
}

/// <summary>A payment as billing knows it: what was received, what is still unallocated (credit), what was reversed.</summary>
internal sealed class PaymentRecord
{
    public Guid PaymentId { get; set; }

    public Guid CustomerId { get; set; }

    public Currency Currency { get; set; }

    public decimal Amount { get; set; }

    /// <summary>Not allocated to any invoice: the customer's credit.</summary>
    public decimal Unallocated { get; set; }

    public decimal Reversed { get; set; }

    public Instant ReceivedAt { get; set; }

    public Guid Version { get; set; }
}

internal sealed class Allocation
{
    public Guid Id { get; set; }

    public Guid PaymentId { get; set; }

    public Guid InvoiceId { get; set; }

    public decimal Amount { get; set; }

    /// <summary>Order of allocation within the payment; reversals undo the latest first.</summary>
    public int Position { get; set; }
}

/// <summary>An invoice emailed to a recipient; unique per invoice and address so it goes out once.</summary>
internal sealed class InvoiceEmail
{
    public Guid Id { get; set; }

    public Guid InvoiceId { get; set; }

    public string Email { get; set; } = string.Empty;

    public Instant SentAt { get; set; }

    public bool WithPdf { get; set; }
}
