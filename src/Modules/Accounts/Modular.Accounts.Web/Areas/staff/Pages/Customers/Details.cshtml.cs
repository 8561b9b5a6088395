using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Web.Hooks;

namespace Modular.Accounts.Web.Staff;

/// <summary>
/// The customer page: the customer, contracts, what other modules show in <see cref="Slots.StaffCustomer"/> (meters and
/// readings, invoices, …), portal users with their sessions, the recent audit history (with <c>core.audit.read</c>) and
/// the form to act on the customer's behalf (with <c>accounts.customers.act</c>).
/// </summary>
[RequiresPermission(AccountsPermissions.CustomersRead)]
public sealed class CustomerPageModel(IMediator mediator, StaffPermissions permissions) : StaffPageModel
{
    public CustomerOverview? Overview { get; private set; }

    public AuditPage? Audit { get; private set; }

    public bool CanAct { get; private set; }

    public bool IsActingHere { get; private set; }

    public Guid? ActingForId => ActingFor?.CustomerId;

    [TempData]
    public string? ActingError { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var result = await mediator.Send(new GetCustomerOverview(id), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        Overview = result.Value;
        var roles = Session?.Roles ?? [];
        CanAct = permissions.Grants(roles, AccountsPermissions.ActOnBehalf);
        IsActingHere = ActingFor?.CustomerId == id;
        if (permissions.Grants(roles, CorePermissions.AuditRead))
        {
            var audit = await mediator.Send(new GetAuditTrail(CustomerId: id, PageSize: 20), HttpContext.RequestAborted);
            Audit = audit.IsSuccess ? audit.Value : null;
        }

        return Page();
    }
}
