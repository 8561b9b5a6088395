using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Requests.Contracts;
using Modular.Web.Pages;

namespace Modular.Requests.Web.Pages.Acts;

/// <summary>One of the customer's inspection acts (reached from the contracts page) and its signed document; another customer's act is 404.</summary>
public sealed class DetailModel(IMediator mediator) : PortalPageModel
{
    public ActView Act { get; private set; } = null!;

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
