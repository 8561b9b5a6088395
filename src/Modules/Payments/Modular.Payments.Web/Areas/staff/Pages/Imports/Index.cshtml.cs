using MediatR;
using Modular.Backoffice.Web;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;

namespace Modular.Payments.Web.Staff;

/// <summary>The latest bank statements and partner files imported, newest first, with what became of their lines.</summary>
[RequiresPermission(PaymentsPermissions.Suspense)]
public sealed class ImportListModel(IMediator mediator) : StaffPageModel
{
    public const int PageRows = 100;

    public IReadOnlyList<ImportSummary> Imports { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var result = await mediator.Send(new ListImports(PageRows), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            return;
        }

        Imports = result.Value;
    }
}
