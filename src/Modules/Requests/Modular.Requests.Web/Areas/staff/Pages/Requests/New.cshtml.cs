using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Requests.Contracts;
using Modular.Requests.Web.Forms;
using Modular.Web.Hooks;

namespace Modular.Requests.Web.Staff;

/// <summary>
/// A request taken by phone or at the counter, entered while acting on the customer's behalf (the only way staff submit
/// one): the staff forms of the catalogue, then the chosen form; Requests records the staff channel, Core audits both ids.
/// </summary>
[RequiresPermission(RequestsPermissions.Handle)]
public sealed class NewRequestModel(IMediator mediator, SubjectChoicesLoader choices) : StaffPageModel
{
    private RequestFormFlow? _flow;

    private RequestFormFlow Flow => _flow ??= new RequestFormFlow(mediator, choices, "/staff/requests/new");

    public IReadOnlyList<FormView> Forms => Flow.Forms;

    public RequestFormView? Form => Flow.Form;

    public Guid? CustomerId => ActingFor?.CustomerId;

    public async Task<IActionResult> OnGetAsync(string? code) =>
        CustomerId is null || await Flow.ShowAsync(code, HttpContext.RequestAborted) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        if (CustomerId is null)
        {
            return Page();
        }

        var (found, id) = await Flow.SubmitAsync(code, Request, ModelState, Text.Describe, HttpContext.RequestAborted);
        return !found ? NotFound() : id is { } requestId ? Redirect($"/staff/requests/{requestId}") : Page();
    }
}
