using Modular.Billing.Contracts;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Billing.Domain;

internal enum InvoiceSource
{
    /// <summary>Issued by a billing run (system of record).</summary>
    Run,

    /// <summary>Imported from the utility's ERP (mirror).</summary>
    Import,
}

/// <summary>An issued invoice. Amounts are rounded to the currency's minor unit when the invoice is built.</summary>
internal sealed class Invoice
{
    public Guid Id { get; set; }

    public string Series { get; set; } = string.Empty;

    /// <summary>Sequence within the series (0 for imported invoices, whose number the ERP gives).</summary>
    public long Sequence { get; set; }

    /// <summary>The printed number, e.g. "AP 000123"; unique.</summary>
    public string Number { get; set; } = string.Empty;

    public Guid CustomerId { get; set; }

    public Guid ContractId { get; set; }

    public string ContractNumber { get; set; } = string.Empty;

    public string ClientCode { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public string ServiceAddress { get; set; } = string.Empty;

    public YearMonth Period { get; set; }

    public LocalDate IssueDate { get; set; }

    public LocalDate DueDate { get; set; }

    public LocalDate GraceDate { get; set; }

    public Currency Currency { get; set; }

    public decimal Net { get; set; }

    public decimal Vat { get; set; }

    public decimal Total { get; set; }

    public decimal Paid { get; set; }

    /// <summary>What credit notes took off the invoice (reversals and corrections); the customer no longer owes it.</summary>
    public decimal Credited { get; set; }

    public InvoiceStatus Status { get; set; }

    public bool Estimated { get; set; }

    /// <summary>Water billed for the period itself (m³), before any regularization; the next regularization counts it.</summary>
    public decimal CubicMeters { get; set; }

    public InvoiceSource Source { get; set; }

    /// <summary>The lines as JSON: they never change after issue and are only read with their invoice.</summary>
    public string LinesJson { get; set; } = "[]";

    /// <summary>Optimistic concurrency token; changes with every payment applied.</summary>
    public Guid Version { get; set; }

    public decimal Remaining => Total - Credited - Paid;

    public bool IsOpen => Status is not (InvoiceStatus.Paid or InvoiceStatus.Cancelled) && Remaining > 0m;

    public IReadOnlyList<InvoiceLine> Lines => InvoiceLine.Parse(LinesJson);

    /// <summary>Applies up to <paramref name="available"/> of a payment; answers what was applied.</summary>
    public decimal ApplyPayment(decimal available, LocalDate today)
    {
        var applied = Math.Min(available, Remaining);
        if (applied <= 0m || Status == InvoiceStatus.Cancelled)
        {
            return 0m;
        }

        Paid += applied;
        RefreshStatus(today);
        return applied;
    }

    /// <summary>Takes back an allocation (payment reversed).</summary>
    public void UndoPayment(decimal amount, LocalDate today)
    {
        Paid = Math.Max(0m, Paid - amount);
        RefreshStatus(today);
    }

    /// <summary>Overdue once the due date has passed and money is still owed.</summary>
    public bool MarkOverdueIfDue(LocalDate today)
    {
        if (Status is InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid && Remaining > 0m && today > DueDate)
        {
            Status = InvoiceStatus.Overdue;
            Version = Guid.NewGuid();
            return true;
        }

        return false;
    }

    public void RefreshStatus(LocalDate today)
    {
        Status = Remaining <= 0m ? InvoiceStatus.Paid
            : today > DueDate ? InvoiceStatus.Overdue
            : Paid > 0m ? InvoiceStatus.PartiallyPaid
            : InvoiceStatus.Issued;
        Version = Guid.NewGuid();
    }

    public InvoiceSummary ToSummary() => new(Id, Number, CustomerId, ContractId, ClientCode, Period, IssueDate, DueDate, GraceDate,
        new Money(Total, Currency), new Money(Paid, Currency), new Money(Remaining, Currency), Status, Estimated);
}
