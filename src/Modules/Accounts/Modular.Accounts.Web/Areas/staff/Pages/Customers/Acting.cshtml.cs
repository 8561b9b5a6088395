using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Web.Hooks;

namespace Modular.Accounts.Web.Staff;

/// <summary>Starts (reason required) and ends acting on behalf of a customer in this staff session; both audited by Accounts.</summary>
[RequiresPermission(AccountsPermissions.ActOnBehalf)]
public sealed class ActingModel(IMediator mediator) : StaffPageModel
{
    [TempData]
    public string? ActingError { get; set; }

    public IActionResult OnGet() => Redirect("/staff/customers");

    public async Task<IActionResult> OnPostStartAsync(Guid customerId, string? reason)
    {
        var result = await mediator.Send(new StartActingOnBehalf(customerId, reason ?? string.Empty), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            ActingError = string.Join(" ", result.Errors.Select(Text.Describe));
        }

        return Redirect($"/staff/customers/{customerId}");
    }

    public async Task<IActionResult> OnPostStopAsync()
    {
        var customer = ActingFor?.CustomerId;
        await mediator.Send(new StopActingOnBehalf(), HttpContext.RequestAborted);
        return Redirect(customer is { } id ? $"/staff/customers/{id}" : "/staff/customers");
    }
}
