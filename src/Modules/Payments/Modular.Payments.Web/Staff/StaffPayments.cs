using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;

namespace Modular.Payments.Web.Staff;

public sealed record StaffPaymentsModel(Guid CustomerId, IReadOnlyList<PaymentSummary> Payments);

/// <summary>The back office's customer page, section "payments" (slot <c>staff.customer</c>), with <c>payments.read</c>.</summary>
public sealed class StaffPayments(IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : ViewComponent
{
    public const int Rows = 12;

    public async Task<IViewComponentResult> InvokeAsync(Guid customerId)
    {
        if (!permissions.Grants(caller.Roles, PaymentsPermissions.Read))
        {
            return Content(string.Empty);
        }

        var payments = await mediator.Send(new SearchPayments(CustomerId: customerId, Take: Rows), HttpContext.RequestAborted);
        return View(new StaffPaymentsModel(customerId, payments.IsSuccess ? payments.Value : []));
    }
}
