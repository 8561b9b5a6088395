using System.Globalization;
using System.Text;
using CsvHelper;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Invoices;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Documents;
using Modular.Core.Money;
using Modular.Core.Results;
using NodaTime.Text;

namespace Modular.Billing.History;

/// <summary>The history queries share one filter so the CSV export is exactly what the screen shows.</summary>
internal sealed class InvoiceHistory(BillingDbContext db, IAccessScope access, IOptions<BillingOptions> options)
{
    public async Task<Result<List<Invoice>>> InvoicesAsync(Guid? customerId, Guid? contractId, NodaTime.YearMonth? from, NodaTime.YearMonth? to,
        InvoiceStatus? status, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f > t)
        {
            return Result<List<Invoice>>.Failure(BillingErrors.PeriodRangeInvalid, "From");
        }

        var query = (await db.VisibleAsync(access, cancellationToken)).SinceVisible(options.Value);
        if (customerId is { } customer)
        {
            query = query.Where(i => i.CustomerId == customer);
        }

        if (contractId is { } contract)
        {
            query = query.Where(i => i.ContractId == contract);
        }

        if (from is { } first)
        {
            query = query.Where(i => i.Period >= first);
        }

        if (to is { } last)
        {
            query = query.Where(i => i.Period <= last);
        }

        if (status is { } s)
        {
            query = query.Where(i => i.Status == s);
        }

        return await query.OrderByDescending(i => i.Period).ThenByDescending(i => i.IssueDate).ThenBy(i => i.Number).ToListAsync(cancellationToken);
    }

    public async Task<Result<IReadOnlyList<PeriodConsumptionAndAmount>>> ConsumptionAsync(Guid contractId, NodaTime.YearMonth from, NodaTime.YearMonth to,
        CancellationToken cancellationToken)
    {
        var invoices = await InvoicesAsync(null, contractId, from, to, null, cancellationToken);
        if (invoices.IsFailure)
        {
            return Result<IReadOnlyList<PeriodConsumptionAndAmount>>.From(invoices);
        }

        return invoices.Value.Where(i => i.Status != InvoiceStatus.Cancelled).OrderBy(i => i.Period)
            .Select(i => new PeriodConsumptionAndAmount(i.Period, i.CubicMeters, i.Estimated, new Money(i.Total, i.Currency))).ToList();
    }

    // A BOM lets spreadsheet programs read the diacritics as UTF-8.
    public static DocumentFile Csv<T>(string fileName, IEnumerable<T> rows, Action<CsvWriter, T> write, params string[] header) =>
        new(fileName, "text/csv; charset=utf-8", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(CsvFiles.Write(rows, header, write))]);

    public static string Period(NodaTime.YearMonth period) => YearMonthPattern.Iso.Format(period);
}

internal sealed class GetInvoicesHandler(InvoiceHistory history) : IRequestHandler<GetInvoices, Result<IReadOnlyList<InvoiceSummary>>>
{
    public async Task<Result<IReadOnlyList<InvoiceSummary>>> Handle(GetInvoices request, CancellationToken cancellationToken)
    {
        var invoices = await history.InvoicesAsync(request.CustomerId, request.ContractId, request.From, request.To, request.Status, cancellationToken);
        return invoices.IsFailure
            ? Result<IReadOnlyList<InvoiceSummary>>.From(invoices)
            : invoices.Value.Select(i => i.ToSummary()).ToList();
    }
}

internal sealed class GetConsumptionAndAmountsHistoryHandler(InvoiceHistory history)
    : IRequestHandler<GetConsumptionAndAmountsHistory, Result<IReadOnlyList<PeriodConsumptionAndAmount>>>
{
    public Task<Result<IReadOnlyList<PeriodConsumptionAndAmount>>> Handle(GetConsumptionAndAmountsHistory request, CancellationToken cancellationToken) =>
        history.ConsumptionAsync(request.ContractId, request.From, request.To, cancellationToken);
}

internal sealed class ExportInvoicesCsvHandler(InvoiceHistory history) : IRequestHandler<ExportInvoicesCsv, Result<DocumentFile>>
{
    public async Task<Result<DocumentFile>> Handle(ExportInvoicesCsv request, CancellationToken cancellationToken)
    {
        var invoices = await history.InvoicesAsync(request.CustomerId, request.ContractId, request.From, request.To, request.Status, cancellationToken);
        if (invoices.IsFailure)
        {
            return Result<DocumentFile>.From(invoices);
        }

        return InvoiceHistory.Csv("invoices.csv", invoices.Value, (csv, i) =>
        {
            csv.WriteField(i.Number);
            csv.WriteField(i.ClientCode);
            csv.WriteField(i.ContractNumber);
            csv.WriteField(InvoiceHistory.Period(i.Period));
            csv.WriteField(i.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(i.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(i.Total.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(i.Paid.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(i.Remaining.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(i.Currency.Code);
            csv.WriteField(i.Status.ToString());
            csv.WriteField(i.Estimated ? "E" : string.Empty);
        }, "number", "client_code", "contract", "period", "issue_date", "due_date", "total", "paid", "remaining", "currency", "status", "estimated");
    }
}

internal sealed class ExportConsumptionAndAmountsCsvHandler(InvoiceHistory history) : IRequestHandler<ExportConsumptionAndAmountsCsv, Result<DocumentFile>>
{
    public async Task<Result<DocumentFile>> Handle(ExportConsumptionAndAmountsCsv request, CancellationToken cancellationToken)
    {
        var rows = await history.ConsumptionAsync(request.ContractId, request.From, request.To, cancellationToken);
        if (rows.IsFailure)
        {
            return Result<DocumentFile>.From(rows);
        }

        return InvoiceHistory.Csv("consumption.csv", rows.Value, (csv, r) =>
        {
            csv.WriteField(InvoiceHistory.Period(r.Period));
            csv.WriteField(r.CubicMeters.ToString("0.000", CultureInfo.InvariantCulture));
            csv.WriteField(r.Estimated ? "E" : string.Empty);
            csv.WriteField(r.Total.Amount.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(r.Total.Currency.Code);
        }, "period", "cubic_meters", "estimated", "total", "currency");
    }
}
