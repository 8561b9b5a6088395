using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Persistence;
using Modular.Core.PersonalData;

namespace Modular.Billing.PersonalData;

/// <summary>Billing's section of a portal user's archive: the linked customers' invoices (with their lines as issued) and credit notes.</summary>
internal sealed class BillingPersonalDataSection(BillingDbContext db) : IPersonalDataSection
{
    public string Name => "billing";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var customers = subject.CustomerIds.ToList();
        var invoices = db.Invoices.AsNoTracking().Where(i => customers.Contains(i.CustomerId)).OrderBy(i => i.IssueDate).ThenBy(i => i.Number)
            .AsAsyncEnumerable();
        await writer.WriteCsvAsync("invoices", "Your invoices: number, contract, period, dates, amounts (net, VAT, total, paid, credited) and currency, status",
            ["invoice_id", "number", "client_code", "contract_number", "service_address", "period", "issue_date", "due_date", "cubic_meters", "net", "vat", "total",
                "paid", "credited", "currency", "status", "estimated"], invoices,
            i => [i.Id.ToString(), i.Number, i.ClientCode, i.ContractNumber, i.ServiceAddress, i.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                Date(i.IssueDate), Date(i.DueDate), i.CubicMeters.ToString(CultureInfo.InvariantCulture), PersonalDataWriter.Amount(i.Net),
                PersonalDataWriter.Amount(i.Vat), PersonalDataWriter.Amount(i.Total), PersonalDataWriter.Amount(i.Paid), PersonalDataWriter.Amount(i.Credited),
                i.Currency.Code, i.Status.ToString(), i.Estimated ? "yes" : "no"], cancellationToken);

        // The lines as issued (stored as JSON with the invoice), one object per invoice, streamed.
        var lines = db.Invoices.AsNoTracking().Where(i => customers.Contains(i.CustomerId)).OrderBy(i => i.IssueDate).ThenBy(i => i.Number)
            .Select(i => new { i.Number, i.LinesJson }).AsAsyncEnumerable()
            .Select(i => new InvoiceLines(i.Number, System.Text.Json.JsonDocument.Parse(i.LinesJson).RootElement));
        await writer.WriteJsonAsync("invoice-lines", "The lines of each invoice as issued (service, quantity, unit price, VAT)", lines, cancellationToken);

        var notes = db.CreditNotes.AsNoTracking().Where(c => customers.Contains(c.CustomerId)).OrderBy(c => c.IssueDate).ThenBy(c => c.Number)
            .AsAsyncEnumerable();
        await writer.WriteCsvAsync("credit-notes", "Credit notes correcting or reversing your invoices: number, invoice, dates, reason and amounts",
            ["credit_note_id", "number", "invoice_number", "invoice_issue_date", "client_code", "contract_number", "period", "issue_date", "reason", "note",
                "net", "vat", "total", "currency"], notes,
            c => [c.Id.ToString(), c.Number, c.InvoiceNumber, Date(c.InvoiceIssueDate), c.ClientCode, c.ContractNumber,
                c.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture), Date(c.IssueDate), c.Reason.ToString(), c.Note ?? string.Empty,
                PersonalDataWriter.Amount(c.Net), PersonalDataWriter.Amount(c.Vat), PersonalDataWriter.Amount(c.Total), c.Currency.Code], cancellationToken);
    }

    private static string Date(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record InvoiceLines(string Number, System.Text.Json.JsonElement Lines);
}
