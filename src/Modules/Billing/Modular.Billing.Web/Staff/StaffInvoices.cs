using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Web.Hooks;

namespace Modular.Billing.Web.Staff;

public sealed record StaffInvoicesModel(Balance? Balance, IReadOnlyList<InvoiceSummary> Invoices);

/// <summary>The back office's customer page, section "invoices and balance" (slot <c>staff.customer</c>), with <c>billing.read</c>.</summary>
public sealed class StaffInvoices(IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid customerId)
    {
        if (!permissions.Grants(caller.Roles, BillingPermissions.Read))
        {
            return Content(string.Empty);
        }

        var balance = await mediator.Send(new GetBalance(customerId), HttpContext.RequestAborted);
        var invoices = await mediator.Send(new GetInvoices(CustomerId: customerId), HttpContext.RequestAborted);
        return View(new StaffInvoicesModel(balance.IsSuccess ? balance.Value : null, invoices.IsSuccess ? invoices.Value.Take(12).ToList() : []));
    }
}

/// <summary>An invoice number (typed, or read from the invoice's barcode) finds its customer in the back office's look-up.</summary>
internal sealed class InvoiceNumberLookup(IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : IStaffLookup
{
    public async Task<Guid?> FindCustomerAsync(string text, CancellationToken cancellationToken)
    {
        if (!permissions.Grants(caller.Roles, BillingPermissions.Read) || text.Length is < 3 or > 50)
        {
            return null;
        }

        var invoice = await mediator.Send(new FindInvoiceByNumber(text), cancellationToken);
        return invoice.IsSuccess ? invoice.Value.CustomerId : null;
    }
}
