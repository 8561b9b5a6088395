using MediatR;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Kiosks.Contracts;
using Modular.Web.Hooks;

namespace Modular.Kiosks.Web.Staff;

/// <summary>The kiosks with their status: last seen, entries pending on the device, today's totals and whether today is closed.</summary>
[RequiresPermission(KiosksPermissions.Read)]
public sealed class KiosksIndexModel(IMediator mediator, StaffPermissions permissions) : StaffPageModel
{
    public IReadOnlyList<KioskView> Kiosks { get; private set; } = [];

    public bool CanManage { get; private set; }

    public async Task OnGetAsync()
    {
        CanManage = permissions.Grants(Session?.Roles ?? [], KiosksPermissions.Manage);
        var kiosks = await mediator.Send(new ListKiosks(), HttpContext.RequestAborted);
        if (kiosks.IsFailure)
        {
            AddErrors(kiosks);
            return;
        }

        Kiosks = kiosks.Value;
    }
}
