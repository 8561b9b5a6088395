using System.Globalization;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using NodaTime;

namespace Modular.Billing.Domain;

/// <summary>Turns a priced draft into an issued invoice with its number and dates.</summary>
internal static class InvoiceFactory
{
    public static string FormatNumber(string series, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{series} {sequence:D6}");

    public static Invoice Issue(ContractSummary contract, YearMonth period, InvoiceDraft draft, BillingOptions options, long sequence, LocalDate today)
    {
        var due = today.PlusDays(options.DueDays);
        return new Invoice
        {
            // Time-ordered ids keep the primary key inserts of a run at the end of the index.
            Id = Guid.CreateVersion7(),
            Series = options.Series,
            Sequence = sequence,
            Number = FormatNumber(options.Series, sequence),
            CustomerId = contract.CustomerId,
            ContractId = contract.ContractId,
            ContractNumber = contract.ContractNumber,
            ClientCode = contract.ClientCode,
            CustomerName = contract.CustomerName,
            ServiceAddress = contract.ServiceAddress,
            Period = period,
            IssueDate = today,
            DueDate = due,
            GraceDate = due.PlusDays(options.GraceDays),
            Currency = draft.Currency,
            Net = draft.Net,
            Vat = draft.Vat,
            Total = draft.Total,
            // Nothing to pay (a regularization that cancels the period out) counts as paid at once.
            Status = draft.Total <= 0m ? InvoiceStatus.Paid : InvoiceStatus.Issued,
            Estimated = draft.Estimated,
            CubicMeters = draft.CubicMeters,
            Source = InvoiceSource.Run,
            LinesJson = InvoiceLine.Serialize(draft.Lines),
            Version = Guid.NewGuid(),
        };
    }

    public static InvoiceIssued IssuedEvent(Invoice invoice, Instant now) =>
        new(Guid.CreateVersion7(), now, invoice.Id, invoice.Number, invoice.CustomerId, invoice.ContractId,
            new Core.Money.Money(invoice.Total, invoice.Currency), invoice.DueDate, invoice.Estimated);
}
