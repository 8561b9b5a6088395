using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;

namespace Modular.Payments.Web.Staff;

/// <summary>
/// One import's report: its counts and every line that was not simply matched, with the reason in the reader's language.
/// Rejected lines carry no usable money, so they are only here; unmatched ones wait on the suspense screen.
/// </summary>
[RequiresPermission(PaymentsPermissions.Suspense)]
public sealed class ImportDetailsModel(IMediator mediator) : StaffPageModel
{
    public ImportDetails Details { get; private set; } = null!;

    /// <summary>Rejected lines only (the default), or every reported line.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IEnumerable<ImportLineReport> Lines =>
        All ? Details.Lines : Details.Lines.Where(l => l.Outcome == ImportLineOutcome.Rejected);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var result = await mediator.Send(new GetImport(id), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            return NotFound();
        }

        Details = result.Value;
        return Page();
    }
}
