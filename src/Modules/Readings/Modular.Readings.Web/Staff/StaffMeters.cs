using Microsoft.AspNetCore.Mvc;
using Modular.Core.Access;
using Modular.Readings.Contracts;

namespace Modular.Readings.Web.Staff;

/// <summary>A contract's meters and its latest readings on the back office's customer page.</summary>
public sealed record StaffContractMeters(Guid ContractId, IReadOnlyList<MeterView> Meters, IReadOnlyList<ReadingView> Readings);

/// <param name="CanSubmit">The staff member acts on behalf of this customer and may submit readings.</param>
public sealed record StaffMetersModel(Guid CustomerId, IReadOnlyList<StaffContractMeters> Contracts, bool CanSubmit, string? Message);

/// <summary>
/// The back office's customer page, section "meters and readings" (slot <c>staff.customer</c>); while the staff member acts
/// on behalf of this customer, a form per meter submits a reading through Readings' own rules.
/// </summary>
public sealed class StaffMeters(MediatR.IMediator mediator, ICurrentUser caller, StaffPermissions permissions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid customerId, IReadOnlyList<Guid> contractIds, Guid? actingFor)
    {
        if (!permissions.Grants(caller.Roles, ReadingsPermissions.Read))
        {
            return Content(string.Empty);
        }

        var contracts = new List<StaffContractMeters>();
        foreach (var contractId in contractIds)
        {
            var meters = await mediator.Send(new GetMetersForContract(contractId), HttpContext.RequestAborted);
            var readings = await mediator.Send(new GetReadingHistory(null, contractId), HttpContext.RequestAborted);
            contracts.Add(new StaffContractMeters(contractId, meters.IsSuccess ? meters.Value : [],
                readings.IsSuccess ? readings.Value.Take(6).ToList() : []));
        }

        var canSubmit = actingFor == customerId && permissions.Grants(caller.Roles, ReadingsPermissions.Submit);
        return View(new StaffMetersModel(customerId, contracts, canSubmit, TempData["ReadingMessage"] as string));
    }
}
