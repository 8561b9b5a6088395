using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Modular.Core.Results;
using Modular.Requests.Contracts;

namespace Modular.Requests.Web.Forms;

/// <summary>
/// Choosing a form and submitting it, the same for the customer's page and the staff's (acting for the customer): the
/// catalogue (filtered by the module for the caller), the chosen form with a fresh key, and on a refused submit the errors
/// next to their fields with the values and the key kept, so a second click is still one request.
/// </summary>
internal sealed class RequestFormFlow(IMediator mediator, SubjectChoicesLoader choices, string actionBase)
{
    public IReadOnlyList<FormView> Forms { get; private set; } = [];

    public RequestFormView? Form { get; private set; }

    /// <summary>The catalogue (no <paramref name="code"/>) or the empty form; false when the form is not there for the caller.</summary>
    public async Task<bool> ShowAsync(string? code, CancellationToken cancellationToken)
    {
        if (code is null)
        {
            var forms = await mediator.Send(new GetRequestForms(), cancellationToken);
            Forms = forms.IsSuccess ? forms.Value : [];
            return true;
        }

        var form = await mediator.Send(new GetRequestForm(code), cancellationToken);
        if (form.IsFailure)
        {
            return false;
        }

        Form = await ViewOfAsync(form.Value, new Dictionary<string, string?>(), Guid.NewGuid().ToString("N"), cancellationToken);
        return true;
    }

    /// <summary>
    /// Submits the posted form: the new request's id, or null with the errors in <paramref name="modelState"/> and the form
    /// shown again; Found is false when the form is not there for the caller.
    /// </summary>
    public async Task<(bool Found, Guid? RequestId)> SubmitAsync(string? code, HttpRequest request, ModelStateDictionary modelState,
        Func<Error, string> describe, CancellationToken cancellationToken)
    {
        var form = code is null ? null : await mediator.Send(new GetRequestForm(code), cancellationToken);
        if (form is not { IsSuccess: true })
        {
            return (false, null);
        }

        var posted = await request.ReadFormAsync(cancellationToken);
        var values = RequestForms.Values(posted, form.Value);
        var key = posted["IdempotencyKey"].ToString();
        var files = await RequestForms.FilesAsync(posted, form.Value, cancellationToken);
        var result = await mediator.Send(new SubmitRequest(form.Value.Code, values, files, key), cancellationToken);
        if (result.IsSuccess)
        {
            return (true, result.Value.RequestId);
        }

        var fields = form.Value.Fields.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(error.Field is { } field && fields.Contains(field) ? RequestForms.Key(field) : string.Empty, describe(error));
        }

        Form = await ViewOfAsync(form.Value, values, string.IsNullOrWhiteSpace(key) ? Guid.NewGuid().ToString("N") : key, cancellationToken);
        return (true, null);
    }

    private async Task<RequestFormView> ViewOfAsync(FormView form, IReadOnlyDictionary<string, string?> values, string key, CancellationToken cancellationToken) =>
        new(form, await choices.LoadAsync(cancellationToken), values, key, $"{actionBase}/{form.Code}");
}
