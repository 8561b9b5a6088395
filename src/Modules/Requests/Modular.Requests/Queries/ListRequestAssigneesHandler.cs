using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Contracts;

namespace Modular.Requests.Queries;

/// <summary>Active staff members whose roles grant <c>requests.handle</c>, from Accounts' staff directory, by name.</summary>
internal sealed class ListRequestAssigneesHandler(IMediator mediator, StaffPermissions permissions) : IRequestHandler<ListRequestAssignees, Result<IReadOnlyList<RequestAssignee>>>
{
    public async Task<Result<IReadOnlyList<RequestAssignee>>> Handle(ListRequestAssignees request, CancellationToken cancellationToken)
    {
        var staff = await mediator.Send(new ListStaffMembers(), cancellationToken);
        if (staff.IsFailure)
        {
            return Result<IReadOnlyList<RequestAssignee>>.From(staff);
        }

        return staff.Value.Where(s => s.DisabledAt is null && permissions.Grants(s.Roles, RequestsPermissions.Handle))
            .OrderBy(s => s.DisplayName, StringComparer.CurrentCulture)
            .Select(s => new RequestAssignee(s.StaffId, s.DisplayName))
            .ToList();
    }
}
