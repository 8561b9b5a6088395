using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Requests.Contracts;
using Modular.Web.Hooks;

namespace Modular.Requests.Web.Staff;

/// <summary>The back office's acts: the latest, or those of a contract number or with an act number, newest first.</summary>
[RequiresPermission(RequestsPermissions.ActsRead)]
public sealed class ActsIndexModel(IMediator mediator, StaffPermissions permissions) : StaffPageModel
{
    public const int Take = 100;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<ActView> Acts { get; private set; } = [];

    public bool CanManage { get; private set; }

    public async Task OnGetAsync()
    {
        CanManage = permissions.Grants(Session?.Roles ?? [], RequestsPermissions.ActsManage);
        var q = Q?.Trim();
        var found = await mediator.Send(new ListActs(ContractNumber: string.IsNullOrEmpty(q) ? null : q, Take: Take), HttpContext.RequestAborted);
        if (found.IsSuccess && found.Value.Count == 0 && !string.IsNullOrEmpty(q))
        {
            found = await mediator.Send(new ListActs(Number: q, Take: Take), HttpContext.RequestAborted);
        }

        if (found.IsFailure)
        {
            AddErrors(found);
            return;
        }

        Acts = found.Value;
    }
}
