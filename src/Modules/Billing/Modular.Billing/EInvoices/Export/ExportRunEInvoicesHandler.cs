using System.IO.Compression;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.EInvoices.Documents;
using Modular.Billing.Persistence;
using Modular.Core.Results;

namespace Modular.Billing.EInvoices.Export;

/// <summary>
/// Streams a run's e-invoices into a zip, a page of invoices at a time (one question to Accounts per page), in number order.
/// Entries carry the invoice's issue date as their time, so the same run always gives the same bytes. An invoice whose
/// e-invoice cannot be made (incomplete customer data) is reported, not written.
/// </summary>
internal sealed class ExportRunEInvoicesHandler(BillingDbContext db, EInvoiceDocuments documents, IOptions<BillingOptions> options,
    ILogger<ExportRunEInvoicesHandler> logger) : IRequestHandler<ExportRunEInvoices, Result<EInvoiceExportReport>>
{
    public async Task<Result<EInvoiceExportReport>> Handle(ExportRunEInvoices request, CancellationToken cancellationToken)
    {
        if (!options.Value.EInvoice.Enabled)
        {
            return Result<EInvoiceExportReport>.Failure(BillingErrors.EInvoiceDisabled);
        }

        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.RunId, cancellationToken);
        if (run is null)
        {
            return Result<EInvoiceExportReport>.Failure(BillingErrors.RunNotFound, nameof(request.RunId));
        }

        var pageSize = options.Value.EInvoice.ExportPageSize;
        var problems = new List<EInvoiceExportProblem>();
        var written = 0;
        using (var zip = new ZipArchive(request.Destination, ZipArchiveMode.Create, leaveOpen: true))
        {
            string? after = null;
            while (true)
            {
                var query = db.Invoices.AsNoTracking().Where(i => i.Period == run.Period && i.Source == InvoiceSource.Run);
                if (after is not null)
                {
                    query = query.Where(i => string.Compare(i.Number, after) > 0);
                }

                var page = await query.OrderBy(i => i.Number).Take(pageSize).ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                after = page[^1].Number;
                var parties = await documents.PartiesAsync(page.Select(i => i.CustomerId).ToList(), cancellationToken);
                var preceding = await documents.PrecedingAsync(page, cancellationToken);
                foreach (var invoice in page)
                {
                    var document = documents.Builder.ForInvoice(invoice, parties.GetValueOrDefault(invoice.CustomerId),
                        preceding.GetValueOrDefault(invoice.Id) ?? []);
                    if (document.IsFailure)
                    {
                        problems.Add(new EInvoiceExportProblem(invoice.Number, document.Error.Code));
                        continue;
                    }

                    var entry = zip.CreateEntry(EInvoiceFile.NameOf(invoice.Number), CompressionLevel.Optimal);
                    entry.LastWriteTime = new DateTimeOffset(invoice.IssueDate.ToDateTimeUnspecified(), TimeSpan.Zero);
                    await using (var stream = entry.Open())
                    {
                        UblWriter.Write(document.Value, documents.Builder.Profile, stream);
                    }

                    written++;
                }

                if (page.Count < pageSize)
                {
                    break;
                }
            }
        }

        logger.LogInformation("E-invoices of run {RunId} ({Period}): {Written} written, {Skipped} skipped", run.Id, run.Period, written, problems.Count);
        return new EInvoiceExportReport(run.Id, run.Period, written, problems);
    }
}
