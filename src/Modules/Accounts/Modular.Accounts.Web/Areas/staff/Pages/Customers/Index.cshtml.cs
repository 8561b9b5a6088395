using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Web.Hooks;

namespace Modular.Accounts.Web.Staff;

/// <summary>
/// Customer look-up by client code, contract number, invoice number (through other modules' <see cref="IStaffLookup"/>),
/// name, email, phone or address. An identifier that finds exactly one customer (typed or scanned) opens the customer page at once.
/// </summary>
[RequiresPermission(AccountsPermissions.CustomersRead)]
public sealed class CustomerSearchModel(IMediator mediator, IEnumerable<IStaffLookup> lookups) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<CustomerMatch>? Matches { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return Page();
        }

        // Identifiers other modules own (an invoice number or its barcode) open their customer at once.
        foreach (var lookup in lookups)
        {
            if (await lookup.FindCustomerAsync(Q.Trim(), HttpContext.RequestAborted) is { } found)
            {
                return Redirect($"/staff/customers/{found}");
            }
        }

        var result = await mediator.Send(new SearchCustomers(Q), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            AddErrors(result);
            return Page();
        }

        Matches = result.Value;
        if (Matches is [{ MatchedOn: "client_code" or "contract" } only])
        {
            return Redirect($"/staff/customers/{only.CustomerId}");
        }

        return Page();
    }
}
