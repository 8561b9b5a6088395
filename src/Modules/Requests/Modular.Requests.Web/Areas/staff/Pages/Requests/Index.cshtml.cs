using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Requests.Contracts;
using Modular.Web.Hooks;

namespace Modular.Requests.Web.Staff;

/// <summary>The requests inbox: by department, status, overdue and "assigned to me", newest first, a page at a time; or one request by its number.</summary>
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

    /// <summary>A request number typed or scanned into the search box.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    /// <summary>The last number of the previous page: this page continues after it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The link to the next (older) page, when this one is full.</summary>
    public string? OlderLink { get; private set; }

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
            Mine ? caller.StaffId : null, null, PageRows, Number, After), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            return;
        }

        Requests = result.Value;
        if (Requests.Count == PageRows)
        {
            var query = new Dictionary<string, string?>
            {
                ["Department"] = Department, ["Status"] = Status?.ToString(), ["Overdue"] = Overdue ? "true" : null,
                ["Mine"] = Mine ? "true" : null, ["After"] = Requests[^1].Number,
            };
            OlderLink = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/staff/requests",
                query.Where(p => !string.IsNullOrEmpty(p.Value)));
        }

        var names = await mediator.Send(new ListRequestAssignees(), HttpContext.RequestAborted);
        Names = names.IsSuccess ? names.Value.ToDictionary(n => n.StaffId, n => n.DisplayName) : new Dictionary<Guid, string>();
    }
}
