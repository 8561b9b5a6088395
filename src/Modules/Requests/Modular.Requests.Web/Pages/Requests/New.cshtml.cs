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
    public IReadOnlyList<FormView> Forms { get; private set; } = [];

    public RequestFormView? Form { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code)
    {
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
            return Redirect($"/Requests/{result.Value.RequestId}?sent=true");
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
        new(form, await choices.LoadAsync(HttpContext.RequestAborted), values, key, $"/Requests/New/{form.Code}");
}
