using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Billing.Contracts;
using Modular.Core.Localization;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;
using Modular.Web.Localization;

namespace Modular.Payments.Web.Staff;

/// <summary>
/// One suspense entry and the decisions on it, each sent once through Payments' own rules (Core audits them): assign it
/// to a customer found by client code and, optionally, to some of their open invoices; return it to the payer with a
/// reason; or split it into parts that add up to it. A decided entry shows what became of it.
/// </summary>
[RequiresPermission(PaymentsPermissions.Suspense)]
public sealed class SuspenseEntryModel(IMediator mediator) : StaffPageModel
{
    public SuspenseDetails Details { get; private set; } = null!;

    /// <summary>The customer the client code finds, with their open invoices to tick.</summary>
    public CustomerSummary? Customer { get; private set; }

    public IReadOnlyList<InvoiceSummary> OpenInvoices { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? ClientCode { get; set; }

    [BindProperty]
    public List<Guid> InvoiceIds { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Amounts { get; set; }

    [TempData]
    public string? Message { get; set; }

    public bool IsOpen => Details.Entry.Status == SuspenseStatus.Open;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id, findCustomer: true) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssignAsync(Guid id)
    {
        var result = await mediator.Send(new AssignSuspense(id, ClientCode?.Trim() ?? string.Empty, InvoiceIds), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            Message = Text["staff.suspense.assigned_done"];
            return Redirect($"/staff/suspense/{id}");
        }

        AddErrors(result, nameof(ClientCode), nameof(InvoiceIds));
        return await LoadAsync(id, findCustomer: true) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReturnAsync(Guid id)
    {
        var result = await mediator.Send(new ReturnSuspense(id, Reason ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            Message = Text["staff.suspense.returned_done"];
            return Redirect($"/staff/suspense/{id}");
        }

        AddErrors(result, nameof(Reason));
        return await LoadAsync(id, findCustomer: false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSplitAsync(Guid id)
    {
        if (!await LoadAsync(id, findCustomer: false))
        {
            return NotFound();
        }

        // Amounts separated by ';' (a comma is the decimal mark in Romanian and Latvian), typed in the page's language like every amount in the portal.
        var amounts = new List<decimal>();
        foreach (var text in (Amounts ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!CultureFormats.TryParseAmount(text, Formats.Culture, Details.Entry.Amount.Currency.MinorUnits, out var amount))
            {
                ModelState.AddModelError(nameof(Amounts), Text.Get("staff.suspense.amount_invalid", ("text", text)));
                return Page();
            }

            amounts.Add(amount);
        }

        var result = await mediator.Send(new SplitSuspense(id, amounts), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            Message = Text.Get("staff.suspense.split_done", ("count", result.Value.Count));
            return Redirect($"/staff/suspense/{id}");
        }

        AddErrors(result, nameof(Amounts));
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, bool findCustomer)
    {
        var details = await mediator.Send(new GetSuspenseEntry(id), HttpContext.RequestAborted);
        if (details.IsFailure)
        {
            return false;
        }

        Details = details.Value;
        if (findCustomer && IsOpen && !string.IsNullOrWhiteSpace(ClientCode))
        {
            var customer = await mediator.Send(new FindCustomerByClientCode(ClientCode.Trim()), HttpContext.RequestAborted);
            if (customer.IsFailure)
            {
                if (ModelState.GetFieldValidationState(nameof(ClientCode)) != ModelValidationState.Invalid)
                {
                    ModelState.AddModelError(nameof(ClientCode), Text["payments.customer_not_found"]);
                }

                return true;
            }

            Customer = customer.Value;
            var invoices = await mediator.Send(new GetOpenInvoices([Customer.CustomerId]), HttpContext.RequestAborted);
            OpenInvoices = invoices.IsSuccess ? invoices.Value : [];
        }

        return true;
    }
}
