using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Access;
using Modular.Requests.Contracts;

namespace Modular.Requests.Web.Acts;

/// <summary>A contract's inspection acts on the portal's contracts page (slot <c>contract.details</c>), newest first, with the signed document.</summary>
public sealed class ContractActs(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid contractId)
    {
        var acts = await mediator.Send(new GetMyActs(contractId), HttpContext.RequestAborted);
        return View(acts.IsSuccess ? acts.Value : []);
    }
}

/// <summary>The customer's acts on the back office's customer page (slot <c>staff.customer</c>), for staff with <c>acts.read</c>.</summary>
public sealed class StaffActs(IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : ViewComponent
{
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync(Guid customerId, IReadOnlyList<Guid> contractIds, Guid? actingFor)
    {
        if (!permissions.Grants(caller.Roles, RequestsPermissions.ActsRead))
        {
            return Content(string.Empty);
        }

        var acts = await mediator.Send(new ListActs(CustomerId: customerId, Take: Shown), HttpContext.RequestAborted);
        return View(new StaffActsModel(customerId, acts.IsSuccess ? acts.Value : [], permissions.Grants(caller.Roles, RequestsPermissions.ActsManage)));
    }
}

public sealed record StaffActsModel(Guid CustomerId, IReadOnlyList<ActView> Acts, bool CanManage);

/// <summary>What the pages show of an act's findings in a list: the first line, at most 160 characters.</summary>
public static class ActText
{
    public const int SummaryLength = 160;

    public static string Summary(string findings)
    {
        var first = findings.Split('\n', 2)[0].Trim();
        return first.Length <= SummaryLength && !findings.Contains('\n', StringComparison.Ordinal) ? first
            : (first.Length > SummaryLength ? first[..SummaryLength] : first).TrimEnd() + "…";
    }
}
