using Microsoft.AspNetCore.Mvc;
using Modular.Core.Access;
using Modular.Notifications.Contracts;

namespace Modular.Notifications.Web.Staff;

/// <summary>The back office's customer page, section "notifications sent" (slot <c>staff.customer</c>): the latest 20 messages to the customer's users.</summary>
public sealed class StaffNotifications(MediatR.IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid customerId, IReadOnlyList<Guid> contractIds, Guid? actingFor)
    {
        if (!permissions.Grants(caller.Roles, NotificationsPermissions.Read))
        {
            return Content(string.Empty);
        }

        var sent = await mediator.Send(new GetCustomerNotifications(customerId, 1, 20), HttpContext.RequestAborted);
        return View(sent.IsSuccess ? sent.Value : new NotificationPage([], 1, 20, 0));
    }
}
