using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Kiosks.Contracts;
using Modular.Web.Hooks;

namespace Modular.Kiosks.Web.Staff;

/// <summary>A kiosk: its status and recent days; a new device key (shown once) and retirement for those who manage kiosks.</summary>
[RequiresPermission(KiosksPermissions.Read)]
public sealed class KioskDetailsModel(IMediator mediator, StaffPermissions permissions) : StaffPageModel
{
    public KioskDetails Details { get; private set; } = null!;

    public bool CanManage { get; private set; }

    /// <summary>The new key just issued (shown once).</summary>
    public KioskDeviceKey? NewKey { get; private set; }

    [TempData]
    public string? KioskMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    [RequiresPermission(KiosksPermissions.Manage)]
    public async Task<IActionResult> OnPostKeyAsync(Guid id)
    {
        var issued = await mediator.Send(new IssueKioskKey(id), HttpContext.RequestAborted);
        if (issued.IsSuccess)
        {
            NewKey = issued.Value;
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            AddErrors(issued);
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    [RequiresPermission(KiosksPermissions.Manage)]
    public async Task<IActionResult> OnPostRetireAsync(Guid id)
    {
        var retired = await mediator.Send(new RetireKiosk(id), HttpContext.RequestAborted);
        if (retired.IsSuccess)
        {
            KioskMessage = Text["staff.kiosks.retired_message"];
            return Redirect($"/staff/kiosks/{id}");
        }

        AddErrors(retired);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var details = await mediator.Send(new GetKiosk(id), HttpContext.RequestAborted);
        if (details.IsFailure)
        {
            return false;
        }

        Details = details.Value;
        CanManage = permissions.Grants(Session?.Roles ?? [], KiosksPermissions.Manage);
        return true;
    }
}
