using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Web.Hooks;

namespace Modular.Accounts.Web.Staff;

/// <summary>
/// Customer look-up by client code, contract number, name, email, phone or address. A client code or contract number
/// that finds exactly one customer (typed or scanned) opens the customer page at once.
/// </summary>
[RequiresPermission(AccountsPermissions.CustomersRead)]
public sealed class CustomerSearchModel(IMediator mediator) : StaffPageModel
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
