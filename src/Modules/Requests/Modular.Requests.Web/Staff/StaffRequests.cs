using Microsoft.AspNetCore.Mvc;
using Modular.Core.Access;
using Modular.Requests.Contracts;

namespace Modular.Requests.Web.Staff;

/// <param name="CanEnter">The staff member acts on behalf of this customer and may enter a request for them.</param>
public sealed record StaffRequestsModel(Guid CustomerId, IReadOnlyList<RequestSummary> Requests, IReadOnlyList<FormView> Forms, bool CanEnter);

/// <summary>The back office's customer page, section "requests" (slot <c>staff.customer</c>): the customer's latest requests.</summary>
public sealed class StaffRequests(MediatR.IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid customerId, IReadOnlyList<Guid> contractIds, Guid? actingFor)
    {
        if (!permissions.Grants(caller.Roles, RequestsPermissions.Read))
        {
            return Content(string.Empty);
        }

        var requests = await mediator.Send(new ListRequests(CustomerId: customerId, Take: 12), HttpContext.RequestAborted);
        var forms = await mediator.Send(new GetRequestForms(), HttpContext.RequestAborted);
        var canEnter = actingFor == customerId && permissions.Grants(caller.Roles, RequestsPermissions.Handle);
        return View(new StaffRequestsModel(customerId, requests.IsSuccess ? requests.Value : [], forms.IsSuccess ? forms.Value : [], canEnter));
    }
}
