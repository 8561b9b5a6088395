using Microsoft.Extensions.Options;
using FluentValidation;
using MediatR;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;
using Modular.Requests.Queries;

namespace Modular.Requests.Workflow;

internal sealed class AssignRequestValidator : AbstractValidator<AssignRequest>
{
    public AssignRequestValidator() => RuleFor(c => c.StaffId).NotEmpty().WithErrorCode(RequestsErrors.StaffRequired);
}

/// <summary>
/// Gives an open request to a staff member; a submitted one becomes assigned, any other keeps its status. Decided on the
/// version the staff member saw: a change made meanwhile wins and this one is told so.
/// </summary>
internal sealed class AssignRequestHandler(RequestsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock,
    IOptions<RequestsOptions> options) : IRequestHandler<AssignRequest, Result>
{
    public async Task<Result> Handle(AssignRequest request, CancellationToken cancellationToken)
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

        if (!found.IsOpen)
        {
            return Result.Failure(Error.Of(RequestsErrors.TransitionNotAllowed, nameof(request.StaffId),
                ("from", found.Status.ToString()), ("to", RequestStatus.Assigned.ToString())));
        }

        var to = found.Status == RequestStatus.Submitted ? RequestStatus.Assigned : found.Status;
        RequestChanges.Move(db, found, to, user, clock.Now, RequestChanges.Calendar(clock, options.Value), request.StaffId);
        return await db.SaveOrConflictAsync(ChangedMeanwhile.Error(null), DbConflict.StaleVersion, cancellationToken);
    }
}

/// <summary>The answer when another change of the request came first.</summary>
internal static class ChangedMeanwhile
{
    public static Error Error(RequestStatus? now) =>
        now is { } status ? Core.Results.Error.Of(RequestsErrors.ChangedMeanwhile, "Version", ("status", status.ToString()))
            : Core.Results.Error.Of(RequestsErrors.ChangedMeanwhile, "Version");
}
