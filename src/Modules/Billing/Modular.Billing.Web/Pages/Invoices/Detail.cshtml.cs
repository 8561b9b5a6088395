using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Web.Localization;
using Modular.Web.Pages;
using Modular.Web.Security;

namespace Modular.Billing.Web.Pages.Invoices;

/// <summary>One invoice: its figures, lines, contract, premises and the meter readings it bills, the PDF download, the print view (the invoice's own HTML document) and, where the utility issues them, the e-invoice.</summary>
public sealed class DetailModel(IMediator mediator) : PortalPageModel
{
    public InvoiceSummary Invoice { get; private set; } = null!;

    public InvoiceDetails Details { get; private set; } = null!;

    /// <summary>Per meter, the readings the invoice's period was billed from (none for an estimate).</summary>
    public IReadOnlyList<MeterConsumption> Meters { get; private set; } = [];

    public bool EInvoiceOffered { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnGetPdfAsync(Guid id) => DocumentAsync(id, DocumentFormat.Pdf, download: true);

    public Task<IActionResult> OnGetPrintAsync(Guid id) => DocumentAsync(id, DocumentFormat.Html, download: false);

    /// <summary>The invoice as a UBL e-invoice (XML), as the utility sends it to the tax authority.</summary>
    public async Task<IActionResult> OnGetEInvoiceAsync(Guid id) =>
        await FileOrErrorsAsync(id, await mediator.Send(new GetEInvoice(id), HttpContext.RequestAborted), download: true);

    private async Task<IActionResult> DocumentAsync(Guid id, DocumentFormat format, bool download) =>
        await FileOrErrorsAsync(id, await mediator.Send(new GetInvoiceDocument(id, format, PortalText.Culture), HttpContext.RequestAborted), download);

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await mediator.Send(new GetInvoiceDetails(id), HttpContext.RequestAborted);
        if (found.IsFailure)
        {
            return false;
        }

        Details = found.Value;
        Invoice = Details.Invoice;
        if (!Invoice.Estimated)
        {
            Meters = await MetersAsync(Invoice);
        }

        await OfferEInvoiceAsync();
        return true;
    }

    /// <summary>
    /// For each meter of the contract, its last accepted reading of the invoice's period and the accepted reading before
    /// it: what the consumption was billed from.
    /// </summary>
    private async Task<IReadOnlyList<MeterConsumption>> MetersAsync(InvoiceSummary invoice)
    {
        var start = invoice.Period.OnDayOfMonth(1);
        var history = await mediator.Send(new GetReadingHistory(null, invoice.ContractId, start.PlusMonths(-24), start.PlusMonths(2)),
            HttpContext.RequestAborted);
        if (history.IsFailure)
        {
            return [];
        }

        var accepted = history.Value.Where(r => r.Status == ReadingStatus.Accepted).ToList();
        return accepted.Where(r => r.Period == invoice.Period)
            .GroupBy(r => r.MeterId)
            .Select(g => g.OrderByDescending(r => r.ReadingDate).ThenByDescending(r => r.SubmittedAt).First())
            .Select(current => new MeterConsumption(current.Serial, current,
                accepted.Where(r => r.MeterId == current.MeterId && r.ReadingDate < current.ReadingDate)
                    .OrderByDescending(r => r.ReadingDate).ThenByDescending(r => r.SubmittedAt).FirstOrDefault()))
            .OrderBy(m => m.Serial, StringComparer.Ordinal)
            .ToList();
    }

    private async Task OfferEInvoiceAsync()
    {
        var enabled = await mediator.Send(new GetEInvoicesEnabled(), HttpContext.RequestAborted);
        EInvoiceOffered = enabled.IsSuccess && enabled.Value;
    }

    private async Task<IActionResult> FileOrErrorsAsync(Guid id, Result<DocumentFile> document, bool download)
    {
        if (document.IsFailure)
        {
            if (document.HasError(CoreErrors.NotFound) || document.HasError(CoreErrors.Forbidden))
            {
                return NotFound();
            }

            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            AddErrors(document);
            return Page();
        }

        var file = document.Value;
        if (!download)
        {
            Response.Headers.ContentSecurityPolicy = SecurityHeaders.DocumentPolicy;
        }

        return download ? File(file.Content, file.ContentType, file.FileName) : File(file.Content, file.ContentType);
    }
}

/// <summary>A meter's readings behind an invoice: the current one and the one before (none for a new meter).</summary>
public sealed record MeterConsumption(string Serial, ReadingView Current, ReadingView? Previous);
