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
    public IReadOnlyList<FormView> Forms { get; private set; } = [];

    public RequestFormView? Form { get; private set; }

    public Guid? CustomerId => ActingFor?.CustomerId;

    public async Task<IActionResult> OnGetAsync(string? code)
    {
        if (CustomerId is null)
        {
            return Page();
        }

        if (code is null)
        {
            var forms = await mediator.Send(new GetRequestForms(), HttpContext.RequestAborted);
            Forms = forms.IsSuccess ? forms.Value : [];
            return Page();
        }

        var form = await mediator.Send(new GetRequestForm(code), HttpContext.RequestAborted);
        if (form.IsFailure)
        {
            return NotFound();
        }

        Form = await ViewOfAsync(form.Value, new Dictionary<string, string?>(), Guid.NewGuid().ToString("N"));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        if (CustomerId is null)
        {
            return Page();
        }

        var form = code is null ? null : await mediator.Send(new GetRequestForm(code), HttpContext.RequestAborted);
        if (form is not { IsSuccess: true })
        {
            return NotFound();
        }

        var posted = await Request.ReadFormAsync(HttpContext.RequestAborted);
        var values = RequestForms.Values(posted, form.Value);
        var key = posted["IdempotencyKey"].ToString();
        var files = await RequestForms.FilesAsync(posted, form.Value, HttpContext.RequestAborted);
        var result = await mediator.Send(new SubmitRequest(form.Value.Code, values, files, key), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            return Redirect($"/staff/requests/{result.Value.RequestId}");
        }

        var fields = form.Value.Fields.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field is { } field && fields.Contains(field) ? RequestForms.Key(field) : string.Empty, Text.Describe(error));
        }

        Form = await ViewOfAsync(form.Value, values, string.IsNullOrWhiteSpace(key) ? Guid.NewGuid().ToString("N") : key);
        return Page();
    }

    private async Task<RequestFormView> ViewOfAsync(FormView form, IReadOnlyDictionary<string, string?> values, string key) =>
        new(form, await choices.LoadAsync(HttpContext.RequestAborted), values, key, $"/staff/requests/new/{form.Code}");
}
