using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Requests.Contracts;
using Modular.Requests.Web.Forms;
using Modular.Web.Pages;

namespace Modular.Requests.Web.Pages.Requests;

/// <summary>
/// A new request: the catalogue's forms for customers, then the chosen form rendered from its fields. The values are
/// checked by the module (errors next to each field, nothing stored); the form's key makes a double submit one request.
/// </summary>
public sealed class NewModel(IMediator mediator, SubjectChoicesLoader choices) : PortalPageModel
{
    private RequestFormFlow? _flow;

    private RequestFormFlow Flow => _flow ??= new RequestFormFlow(mediator, choices, "/Requests/New");

    public IReadOnlyList<FormView> Forms => Flow.Forms;

    public RequestFormView? Form => Flow.Form;

    public async Task<IActionResult> OnGetAsync(string? code) =>
        await Flow.ShowAsync(code, HttpContext.RequestAborted) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        var (found, id) = await Flow.SubmitAsync(code, Request, ModelState, Text.Describe, HttpContext.RequestAborted);
        return !found ? NotFound() : id is { } requestId ? Redirect($"/Requests/{requestId}?sent=true") : Page();
    }
}
