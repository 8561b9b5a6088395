using Microsoft.Extensions.Options;
using MediatR;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;
using Modular.Requests.Queries;

namespace Modular.Requests.Workflow;

/// <summary>
/// Staff move a request one step of the workflow (<see cref="Domain.Workflow"/>); an illegal step changes nothing and says
/// which steps are possible; a change made meanwhile (another tab, a colleague) wins.
/// </summary>
internal sealed class ChangeRequestStatusHandler(RequestsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock,
    IOptions<RequestsOptions> options)
    : IRequestHandler<ChangeRequestStatus, Result>
{
    public async Task<Result> Handle(ChangeRequestStatus request, CancellationToken cancellationToken)
    {
        var found = await RequestVisibility.FindAsync(db, access, request.RequestId, tracking: true, cancellationToken);
        if (found is null)
        {
            return Result.Failure(RequestsErrors.RequestNotFound, nameof(request.RequestId));
        }

        if (found.Version != request.Version)
        {
            return Result.Failure(ChangedMeanwhile.Error(found.Status));
        }

        if (!Domain.Workflow.StaffMayMove(found.Status, request.Status))
        {
            return Result.Failure(Error.Of(RequestsErrors.TransitionNotAllowed, nameof(request.Status),
                ("from", found.Status.ToString()), ("to", request.Status.ToString())));
        }

        RequestChanges.Move(db, found, request.Status, user, clock.Now, RequestChanges.Calendar(clock, options.Value));
        return await db.SaveOrConflictAsync(ChangedMeanwhile.Error(null), DbConflict.StaleVersion, cancellationToken);
    }
}
