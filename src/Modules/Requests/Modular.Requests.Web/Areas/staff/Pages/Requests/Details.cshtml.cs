using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Requests.Contracts;
using Modular.Requests.Web.Forms;
using Modular.Web.Hooks;

namespace Modular.Requests.Web.Staff;

/// <summary>
/// A request in the back office: values, files, the whole thread with internal notes and the history; with
/// <c>requests.assign</c> the assignment, with <c>requests.handle</c> an answer to the customer, an internal note and the
/// next steps of the workflow. Each change carries the version the page showed, so a colleague's change made meanwhile wins.
/// </summary>
[RequiresPermission(RequestsPermissions.Read)]
public sealed class RequestDetailsModel(IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : StaffPageModel
{
    public RequestDetails Details { get; private set; } = null!;

    public FormView? Form { get; private set; }

    public IReadOnlyList<RequestAssignee> Assignees { get; private set; } = [];

    public bool CanHandle => permissions.Grants(caller.Roles, RequestsPermissions.Handle);

    public bool CanAssign => permissions.Grants(caller.Roles, RequestsPermissions.Assign);

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId)
    {
        var file = await mediator.Send(new GetRequestAttachment(id, attachmentId), HttpContext.RequestAborted);
        return file.IsSuccess ? RequestForms.Download(Response, file.Value) : NotFound();
    }

    [RequiresPermission(RequestsPermissions.Assign)]
    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? staffId, int version) =>
        await AfterAsync(id, await mediator.Send(new AssignRequest(id, staffId ?? Guid.Empty, version), HttpContext.RequestAborted), "staff.requests.assigned",
            "StaffId");

    [RequiresPermission(RequestsPermissions.Handle)]
    public async Task<IActionResult> OnPostStatusAsync(Guid id, RequestStatus status, int version) =>
        await AfterAsync(id, await mediator.Send(new ChangeRequestStatus(id, status, version), HttpContext.RequestAborted), "staff.requests.status_changed",
            "Status");

    [RequiresPermission(RequestsPermissions.Handle)]
    public async Task<IActionResult> OnPostMessageAsync(Guid id, bool isInternal)
    {
        var result = await mediator.Send(new PostStaffMessage(id, Body ?? string.Empty, isInternal), HttpContext.RequestAborted);
        return await AfterAsync(id, result, isInternal ? "staff.requests.note_added" : "staff.requests.answer_sent", nameof(Body));
    }

    private async Task<IActionResult> AfterAsync(Guid id, Core.Results.Result result, string done, string field)
    {
        if (result.IsSuccess)
        {
            Done = done;
            return Redirect($"/staff/requests/{id}");
        }

        AddErrors(result, field);
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
        if (Form is null)
        {
            // A form only customers use (or one no longer in the catalogue): staff still read it with its codes.
            var any = await mediator.Send(new GetRequestForm(Details.Summary.FormCode), HttpContext.RequestAborted);
            Form = any.IsSuccess ? any.Value : null;
        }

        var assignees = await mediator.Send(new ListRequestAssignees(), HttpContext.RequestAborted);
        Assignees = assignees.IsSuccess ? assignees.Value : [];
        return true;
    }

    public string NameOf(Guid? staffId) => staffId is { } s ? Assignees.FirstOrDefault(a => a.StaffId == s)?.DisplayName ?? "–" : "–";

    public IReadOnlyList<RequestStatus> NextSteps => Details.Summary.Status switch
    {
        RequestStatus.Submitted => [RequestStatus.Rejected],
        RequestStatus.Assigned => [RequestStatus.InProgress, RequestStatus.Rejected],
        RequestStatus.InProgress => [RequestStatus.WaitingForCustomer, RequestStatus.Resolved, RequestStatus.Rejected],
        RequestStatus.WaitingForCustomer => [RequestStatus.InProgress, RequestStatus.Resolved, RequestStatus.Rejected],
        _ => [],
    };
}
