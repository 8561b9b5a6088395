using Microsoft.AspNetCore.Mvc;
using Modular.Core.Access;
using Modular.Notifications.Contracts;

namespace Modular.Notifications.Web.Staff;

/// <summary>
/// The back office's customer page, section "notifications sent" (slot <c>staff.customer</c>): the customer's users' messages,
/// newest first, 20 at a time; older ones by the page's <c>notifications</c> query value (the rest of the page stays as it is).
/// </summary>
public sealed class StaffNotifications(MediatR.IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : ViewComponent
{
    public const string PageParameter = "notifications";

    public const int PageSize = 20;

    public async Task<IViewComponentResult> InvokeAsync(Guid customerId, IReadOnlyList<Guid> contractIds, Guid? actingFor)
    {
        if (!permissions.Grants(caller.Roles, NotificationsPermissions.Read))
        {
            return Content(string.Empty);
        }

        var page = int.TryParse(Request.Query[PageParameter], out var asked) && asked > 0 ? asked : 1;
        var sent = await mediator.Send(new GetCustomerNotifications(customerId, page, PageSize), HttpContext.RequestAborted);
        return View(sent.IsSuccess ? sent.Value : new NotificationPage([], page, PageSize, 0));
    }
}
