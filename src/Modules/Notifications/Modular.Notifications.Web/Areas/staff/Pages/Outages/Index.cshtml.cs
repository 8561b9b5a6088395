using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Notifications.Contracts;
using Modular.Web.Hooks;

namespace Modular.Notifications.Web.Staff;

/// <summary>The outages: open ones (current and planned) by start, and with "also ended" the latest ended ones.</summary>
[RequiresPermission(NotificationsPermissions.OutagesManage)]
public sealed class OutagesIndexModel(IMediator mediator) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Ended { get; set; }

    public IReadOnlyList<OutageView> Outages { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var outages = await mediator.Send(new ListOutages(Ended), HttpContext.RequestAborted);
        Outages = outages.IsSuccess ? outages.Value : [];
    }
}
