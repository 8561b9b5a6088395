using System.Globalization;
using CsvHelper;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Time;
using NodaTime;
using NodaTime.Text;
using ImportReport = Modular.Billing.Contracts.ImportReport;

namespace Modular.Billing.Imports;

/// <summary>
/// The port an integrator implements to feed invoices from the utility's ERP (mirror mode). Register it in the host's
/// container; <see cref="ImportInvoicesFromSource"/> reads it.
/// </summary>
public interface IInvoiceImportSource
{
    IAsyncEnumerable<ImportedInvoice> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Stores ERP invoices as the same invoice model the billing run produces. Each invoice is saved on its own, so a bad
/// row is reported and the rest go in; a number already stored (an earlier import, or a concurrent one: unique index)
/// counts as already imported.
/// </summary>
internal sealed class ImportService(BillingDbContext db, IMediator mediator, UtilityClock clock)
{
    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<(int Line, ImportedInvoice? Invoice, string? Error)> rows, CancellationToken cancellationToken)
    {
        var read = 0;
        var imported = 0;
        var already = 0;
        var errors = new List<ImportError>();
        var customers = new Dictionary<string, CustomerSummary?>(StringComparer.OrdinalIgnoreCase);
        await foreach (var (line, row, parseError) in rows.WithCancellation(cancellationToken))
        {
            read++;
            if (row is null)
            {
                errors.Add(new ImportError(line, parseError ?? BillingErrors.ImportCsvInvalid));
                continue;
            }

            var number = string.Join(' ', row.Number.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
            if (number.Length == 0)
            {
                errors.Add(new ImportError(line, BillingErrors.ImportNumberRequired));
                continue;
            }

            if (!Currency.TryParse(row.Currency, out var currency))
            {
                errors.Add(new ImportError(line, BillingErrors.CurrencyInvalid));
                continue;
            }

            if (row.Net + row.Vat != row.Total || row.Paid < 0m || row.Paid > Math.Max(row.Total, 0m))
            {
                errors.Add(new ImportError(line, BillingErrors.ImportAmountsInconsistent));
                continue;
            }

            if (await db.Invoices.AnyAsync(i => i.Number == number, cancellationToken))
            {
                already++;
                continue;
            }

            if (!customers.TryGetValue(row.ClientCode, out var customer))
            {
                var found = await mediator.Send(new FindCustomerByClientCode(row.ClientCode), cancellationToken);
                customers[row.ClientCode] = customer = found.IsSuccess ? found.Value : null;
            }

            if (customer is null)
            {
                errors.Add(new ImportError(line, BillingErrors.ImportCustomerUnknown));
                continue;
            }

            var invoice = new Invoice
            {
                Id = Guid.NewGuid(),
                Series = number.Split(' ')[0],
                Number = number,
                CustomerId = customer.CustomerId,
                ContractId = row.ContractId,
                ContractNumber = row.ContractNumber ?? string.Empty,
                ServiceAddress = row.ServiceAddress ?? string.Empty,
                ClientCode = customer.ClientCode,
                CustomerName = customer.Name,
                Period = row.Period,
                IssueDate = row.IssueDate,
                DueDate = row.DueDate,
                GraceDate = row.DueDate,
                Currency = currency,
                Net = row.Net,
                Vat = row.Vat,
                Total = row.Total,
                Estimated = row.Estimated,
                CubicMeters = row.CubicMeters,
                Source = InvoiceSource.Import,
                Version = Guid.NewGuid(),
            };
            invoice.Paid = row.Paid;
            invoice.RefreshStatus(clock.Today);

            db.Invoices.Add(invoice);
            db.Publish(new InvoiceIssued(Guid.NewGuid(), clock.Now, invoice.Id, invoice.Number, invoice.CustomerId, invoice.ContractId,
                new Money(invoice.Total, invoice.Currency), invoice.DueDate, invoice.Estimated));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                imported++;
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                if (await db.Invoices.AnyAsync(i => i.Number == number, cancellationToken))
                {
                    already++;
                }
                else
                {
                    errors.Add(new ImportError(line, BillingErrors.ImportContractPeriodTaken));
                }
            }

            db.ChangeTracker.Clear();
        }

        return new ImportReport(read, imported, already, errors);
    }

    public static async IAsyncEnumerable<(int Line, ImportedInvoice? Invoice, string? Error)> ParseCsv(string csv)
    {
        using var parser = CsvReader.FromText(csv);
        var line = 0;
        while (true)
        {
            bool more;
            var malformed = false;
            try
            {
                more = await parser.ReadAsync();
            }
            catch (CsvFormatException)
            {
                // The reader cannot resynchronize after a malformed record: report it and stop.
                more = false;
                malformed = true;
            }

            if (malformed)
            {
                yield return (++line, null, BillingErrors.ImportCsvInvalid);
            }

            if (!more)
            {
                break;
            }

            line++;
            (ImportedInvoice? Invoice, string? Error) row;
            try
            {
                row = (new ImportedInvoice(
                    Field("number"),
                    Field("client_code"),
                    Guid.Parse(Field("contract_id")),
                    YearMonthPattern.Iso.Parse(Field("period")).GetValueOrThrow(),
                    LocalDatePattern.Iso.Parse(Field("issue_date")).GetValueOrThrow(),
                    LocalDatePattern.Iso.Parse(Field("due_date")).GetValueOrThrow(),
                    Field("currency"),
                    Decimal("net"),
                    Decimal("vat"),
                    Decimal("total"),
                    Decimal("paid"),
                    bool.TryParse(Field("estimated"), out var estimated) && estimated,
                    Decimal("cubic_meters"),
                    Field("contract_number") is { Length: > 0 } contractNumber ? contractNumber : null,
                    Field("service_address") is { Length: > 0 } address ? address : null), null);
            }
            catch (Exception ex) when (ex is FormatException or UnparsableValueException or CsvFormatException or ArgumentException or OverflowException)
            {
                row = (null, BillingErrors.ImportCsvInvalid);
            }

            yield return (line, row.Invoice, row.Error);
        }

        string Field(string name) => parser.TryGetFieldIndex(name, out var index) ? parser.GetString(index).Trim() : string.Empty;

        decimal Decimal(string name) =>
            decimal.Parse(Field(name) is { Length: > 0 } text ? text : "0", NumberStyles.Number, CultureInfo.InvariantCulture);
    }
}
