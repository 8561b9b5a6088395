using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Billing.Contracts;
using Modular.Payments.Contracts;
using Modular.Web.Localization;
using Modular.Web.Pages;

namespace Modular.Payments.Web.Pages.Payments;

/// <summary>
/// The receipt of a payment the user may see: its number (money the utility took itself) or, for money that came through a
/// bank or partner, a confirmation; printable (the receipt's own HTML document) and as PDF.
/// </summary>
public sealed class ReceiptModel(IMediator mediator) : PortalPageModel
{
    public PaymentDetails Payment { get; private set; } = null!;

    public IReadOnlyList<InvoiceSummary> Invoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnGetPrintAsync(Guid id) => DocumentAsync(id, ReceiptFormat.Html, download: false);

    public Task<IActionResult> OnGetPdfAsync(Guid id) => DocumentAsync(id, ReceiptFormat.Pdf, download: true);

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await mediator.Send(new GetPayment(id), HttpContext.RequestAborted);
        if (found.IsFailure || !IndexModel.HasReceipt(found.Value.Payment))
        {
            return false;
        }

        Payment = found.Value;
        if (Payment.InvoiceIds.Count > 0)
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(Payment.InvoiceIds), HttpContext.RequestAborted);
            Invoices = invoices.IsSuccess ? invoices.Value : [];
        }

        return true;
    }

    private async Task<IActionResult> DocumentAsync(Guid id, ReceiptFormat format, bool download)
    {
        var document = await mediator.Send(new GetReceipt(id, format, PortalText.Culture), HttpContext.RequestAborted);
        if (document.IsFailure)
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            AddErrors(document);
            return Page();
        }

        return ReceiptFiles.Serve(Response, document.Value, download);
    }
}
