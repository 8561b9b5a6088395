using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;
using Modular.Web.Localization;

namespace Modular.Payments.Web.Staff;

/// <summary>
/// One payment for the back office: its invoices, where it came from, its history (refunds and bank reversals with
/// their reasons), its receipt, and – for supervisors – a refund, through the gateway for online payments.
/// </summary>
[RequiresPermission(PaymentsPermissions.Read)]
public sealed class PaymentDetailsModel(IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : StaffPageModel
{
    public PaymentDetails Details { get; private set; } = null!;

    public IReadOnlyList<InvoiceSummary> Invoices { get; private set; } = [];

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    [TempData]
    public string? Message { get; set; }

    public bool CanRefund => permissions.Grants(caller.Roles, PaymentsPermissions.Refund)
        && Details.Payment.Status is PaymentStatus.Settled or PaymentStatus.PartiallyRefunded;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        // A new key per form shown: a double click or a reload of the answer sends the same key and refunds once.
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetReceiptAsync(Guid id, ReceiptFormat format)
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

        return Pages.ReceiptFiles.Serve(Response, document.Value, download: format == ReceiptFormat.Pdf);
    }

    [RequiresPermission(PaymentsPermissions.Refund)]
    public async Task<IActionResult> OnPostRefundAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var currency = Details.Payment.Amount.Currency;
        if (!CultureFormats.TryParseAmount(Amount, Formats.Culture, currency.MinorUnits, out var amount))
        {
            ModelState.AddModelError(nameof(Amount), Text["web.invalid_amount"]);
            return Page();
        }

        var result = await mediator.Send(new RefundPayment(id, amount, Reason ?? string.Empty, IdempotencyKey ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(Amount), nameof(Reason));
            return Page();
        }

        Message = Text.Get("staff.payments.refunded_done", ("amount", Formats.Money(result.Value.Amount)));
        return Redirect($"/staff/payments/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var details = await mediator.Send(new GetPayment(id), HttpContext.RequestAborted);
        if (details.IsFailure)
        {
            return false;
        }

        Details = details.Value;
        if (Details.InvoiceIds.Count > 0 && permissions.Grants(caller.Roles, BillingPermissions.Read))
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(Details.InvoiceIds), HttpContext.RequestAborted);
            Invoices = invoices.IsSuccess ? invoices.Value : [];
        }

        return true;
    }
}
