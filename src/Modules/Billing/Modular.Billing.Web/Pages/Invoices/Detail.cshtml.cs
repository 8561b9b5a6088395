using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Web.Localization;
using Modular.Web.Pages;
using Modular.Web.Security;

namespace Modular.Billing.Web.Pages.Invoices;

/// <summary>One invoice: its figures, the PDF download and the print view (the invoice's own HTML document).</summary>
public sealed class DetailModel(IMediator mediator) : PortalPageModel
{
    public InvoiceSummary Invoice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await mediator.Send(new GetInvoicesByIds([id]), HttpContext.RequestAborted);
        if (found.IsFailure || found.Value.Count == 0)
        {
            return NotFound();
        }

        Invoice = found.Value[0];
        return Page();
    }

    public Task<IActionResult> OnGetPdfAsync(Guid id) => DocumentAsync(id, DocumentFormat.Pdf, download: true);

    public Task<IActionResult> OnGetPrintAsync(Guid id) => DocumentAsync(id, DocumentFormat.Html, download: false);

    private async Task<IActionResult> DocumentAsync(Guid id, DocumentFormat format, bool download)
    {
        var document = await mediator.Send(new GetInvoiceDocument(id, format, PortalText.Culture), HttpContext.RequestAborted);
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
