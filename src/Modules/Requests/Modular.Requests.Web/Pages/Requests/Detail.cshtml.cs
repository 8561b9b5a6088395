using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Requests.Contracts;
using Modular.Requests.Web.Forms;
using Modular.Web.Pages;

namespace Modular.Requests.Web.Pages.Requests;

/// <summary>
/// One of the customer's requests: its values, status and due time, the thread with the utility (never its internal
/// notes), files to download, a reply while it is open and reopening for a while after it was resolved.
/// </summary>
public sealed class DetailModel(IMediator mediator) : PortalPageModel
{
    public RequestDetails Details { get; private set; } = null!;

    public FormView? Form { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? ReplyKey { get; set; }

    public string NewReplyKey { get; private set; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId)
    {
        var file = await mediator.Send(new GetRequestAttachment(id, attachmentId), HttpContext.RequestAborted);
        return file.IsSuccess ? RequestForms.Download(Response, file.Value) : NotFound();
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid id)
    {
        var posted = await HttpContext.Request.ReadFormAsync(HttpContext.RequestAborted);
        var files = await RequestForms.FilesAsync(posted, null, HttpContext.RequestAborted);
        var result = await mediator.Send(new ReplyToRequest(id, Body ?? string.Empty, files, ReplyKey), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            return Redirect($"/Requests/{id}#thread");
        }

        AddErrors(result, nameof(Body), "Attachments");
        NewReplyKey = ReplyKey ?? NewReplyKey;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid id)
    {
        var result = await mediator.Send(new ReopenRequest(id, Reason ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            return Redirect($"/Requests/{id}#thread");
        }

        AddErrors(result, nameof(Reason));
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var request = await mediator.Send(new GetRequest(id), HttpContext.RequestAborted);
        if (request.IsFailure)
        {
            return false;
        }

        Details = request.Value;
        var forms = await mediator.Send(new GetRequestForms(), HttpContext.RequestAborted);
        Form = forms.IsSuccess ? forms.Value.FirstOrDefault(f => f.Code == Details.Summary.FormCode) : null;
        return true;
    }
}
