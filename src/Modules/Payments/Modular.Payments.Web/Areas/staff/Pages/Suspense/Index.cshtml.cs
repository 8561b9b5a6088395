using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;

namespace Modular.Payments.Web.Staff;

/// <summary>The suspense list: money no customer could be matched to, oldest first, open entries unless asked for all.</summary>
[RequiresPermission(PaymentsPermissions.Suspense)]
public sealed class SuspenseListModel(IMediator mediator) : StaffPageModel
{
    /// <summary>At most this many rows on the page; the search narrows the rest.</summary>
    public const int PageRows = 200;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<SuspenseEntry> Entries { get; private set; } = [];

    public bool More { get; private set; }

    public async Task OnGetAsync()
    {
        var result = await mediator.Send(new ListSuspense(!All, Q, PageRows + 1), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            return;
        }

        More = result.Value.Count > PageRows;
        Entries = result.Value.Take(PageRows).ToList();
    }
}
