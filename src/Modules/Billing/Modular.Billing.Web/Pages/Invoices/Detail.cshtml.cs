using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Web.Localization;
using Modular.Web.Pages;
using Modular.Web.Security;

namespace Modular.Billing.Web.Pages.Invoices;

/// <summary>One invoice: its figures, the PDF download, the print view (the invoice's own HTML document) and, where the utility issues them, the e-invoice.</summary>
public sealed class DetailModel(IMediator mediator) : PortalPageModel
{
    public InvoiceSummary Invoice { get; private set; } = null!;

    public bool EInvoiceOffered { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await mediator.Send(new GetInvoicesByIds([id]), HttpContext.RequestAborted);
        if (found.IsFailure || found.Value.Count == 0)
        {
            return NotFound();
        }

        Invoice = found.Value[0];
        await OfferEInvoiceAsync();
        return Page();
    }

    public Task<IActionResult> OnGetPdfAsync(Guid id) => DocumentAsync(id, DocumentFormat.Pdf, download: true);

    public Task<IActionResult> OnGetPrintAsync(Guid id) => DocumentAsync(id, DocumentFormat.Html, download: false);

    /// <summary>The invoice as a UBL e-invoice (XML), as the utility sends it to the tax authority.</summary>
    public async Task<IActionResult> OnGetEInvoiceAsync(Guid id) =>
        await FileOrErrorsAsync(id, await mediator.Send(new GetEInvoice(id), HttpContext.RequestAborted), download: true);

    private async Task<IActionResult> DocumentAsync(Guid id, DocumentFormat format, bool download) =>
        await FileOrErrorsAsync(id, await mediator.Send(new GetInvoiceDocument(id, format, PortalText.Culture), HttpContext.RequestAborted), download);

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

            var found = await mediator.Send(new GetInvoicesByIds([id]), HttpContext.RequestAborted);
            if (found.IsFailure || found.Value.Count == 0)
            {
                return NotFound();
            }

            Invoice = found.Value[0];
            await OfferEInvoiceAsync();
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
