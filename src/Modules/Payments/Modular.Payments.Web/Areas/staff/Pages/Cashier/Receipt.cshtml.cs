using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Billing.Contracts;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;
using Modular.Web.Localization;

namespace Modular.Payments.Web.Staff.Cashier;

/// <summary>
/// The receipt of a counter payment at the desk: the change to give back, a print-friendly view (the browser's print), the
/// receipt document and its PDF (<see cref="GetReceipt"/>), and the same-day cancellation request for a supervisor.
/// </summary>
[RequiresPermission(PaymentsPermissions.Counter)]
public sealed class ReceiptModel(IMediator mediator) : StaffPageModel
{
    public CounterReceiptView Receipt { get; private set; } = null!;

    public CustomerSummary? Customer { get; private set; }

    public IReadOnlyList<InvoiceSummary> Invoices { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnGetPrintAsync(Guid id) => DocumentAsync(id, ReceiptFormat.Html, download: false);

    public Task<IActionResult> OnGetPdfAsync(Guid id) => DocumentAsync(id, ReceiptFormat.Pdf, download: true);

    /// <summary>Prints the receipt on the desk's receipt printer (again, when the printer jammed).</summary>
    public async Task<IActionResult> OnPostPrintAsync(Guid id)
    {
        var printed = await mediator.Send(new PrintReceipt(id, PortalText.Culture), HttpContext.RequestAborted);
        if (printed.IsFailure)
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            AddErrors(printed);
            return Page();
        }

        Message = Text.Get("staff.cashier.receipt_printed", ("device", printed.Value.Device));
        return Redirect($"/staff/cashier/receipt/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id)
    {
        var requested = await mediator.Send(new RequestCounterCancellation(id, Reason ?? string.Empty), HttpContext.RequestAborted);
        if (requested.IsFailure)
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            AddErrors(requested, nameof(Reason));
            return Page();
        }

        Message = Text["staff.cashier.cancellation_requested"];
        return Redirect($"/staff/cashier/receipt/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var receipt = await mediator.Send(new GetCounterReceipt(id), HttpContext.RequestAborted);
        if (receipt.IsFailure)
        {
            return false;
        }

        Receipt = receipt.Value;
        if (Receipt.InvoiceIds.Count > 0)
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(Receipt.InvoiceIds), HttpContext.RequestAborted);
            Invoices = invoices.IsSuccess ? invoices.Value : [];
        }

        var overview = await mediator.Send(new GetCustomerOverview(Receipt.CustomerId), HttpContext.RequestAborted);
        Customer = overview.IsSuccess ? new CustomerSummary(overview.Value.Customer.CustomerId, overview.Value.Customer.ClientCode, overview.Value.Customer.Name,
            overview.Value.Customer.LegalType) : null;
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

        return Pages.ReceiptFiles.Serve(Response, document.Value, download);
    }
}
