using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Requests.Contracts;
using Modular.Web.Hooks;

namespace Modular.Requests.Web.Staff;

/// <summary>The requests inbox: by department, status, overdue and "assigned to me", newest first.</summary>
[RequiresPermission(RequestsPermissions.Read)]
public sealed class InboxModel(IMediator mediator, ICurrentUser caller) : StaffPageModel
{
    public const int PageRows = 200;

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public RequestStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    public IReadOnlyList<RequestSummary> Requests { get; private set; } = [];

    public IReadOnlyList<FormView> Forms { get; private set; } = [];

    public IReadOnlyList<string> Departments { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public async Task OnGetAsync()
    {
        var forms = await mediator.Send(new GetRequestForms(), HttpContext.RequestAborted);
        Forms = forms.IsSuccess ? forms.Value : [];
        Departments = Forms.Select(f => f.Department).Distinct().Order(StringComparer.Ordinal).ToList();
        var result = await mediator.Send(new ListRequests(string.IsNullOrWhiteSpace(Department) ? null : Department, Status, Overdue,
            Mine ? caller.StaffId : null, null, PageRows), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            return;
        }

        Requests = result.Value;
        var names = await mediator.Send(new ListRequestAssignees(), HttpContext.RequestAborted);
        Names = names.IsSuccess ? names.Value.ToDictionary(n => n.StaffId, n => n.DisplayName) : new Dictionary<Guid, string>();
    }
}
