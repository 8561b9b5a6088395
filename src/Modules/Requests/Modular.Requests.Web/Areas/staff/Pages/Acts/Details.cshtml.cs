using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Requests.Contracts;
using Modular.Web.Hooks;

namespace Modular.Requests.Web.Staff;

/// <summary>An act in the back office: its content, what Readings made of each reading (a refusal with Readings' reason), the signed document.</summary>
[RequiresPermission(RequestsPermissions.ActsRead)]
public sealed class ActDetailsModel(IMediator mediator) : StaffPageModel
{
    public ActView Act { get; private set; } = null!;

    [TempData]
    public string? ActMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var act = await mediator.Send(new GetAct(id), HttpContext.RequestAborted);
        if (act.IsFailure)
        {
            return NotFound();
        }

        Act = act.Value;
        return Page();
    }

    public async Task<IActionResult> OnGetDocumentAsync(Guid id)
    {
        var document = await mediator.Send(new GetActDocument(id), HttpContext.RequestAborted);
        return document.IsFailure ? NotFound() : File(document.Value.Content, document.Value.ContentType, document.Value.FileName);
    }
}
