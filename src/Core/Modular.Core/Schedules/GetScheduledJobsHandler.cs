using MediatR;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Core.Schedules;

/// <summary>Every job in Core's store, whichever host declared it. System callers only, until staff roles exist.</summary>
internal sealed class GetScheduledJobsHandler(ScheduleStatuses statuses, ICurrentUser user)
    : IRequestHandler<GetScheduledJobs, Result<IReadOnlyList<ScheduledJobStatus>>>
{
    public async Task<Result<IReadOnlyList<ScheduledJobStatus>>> Handle(GetScheduledJobs request, CancellationToken cancellationToken)
    {
        if (!user.IsSystem)
        {
            return Result<IReadOnlyList<ScheduledJobStatus>>.Failure(CoreErrors.Forbidden);
        }

        return Result.Success(await statuses.ReadAsync(null, cancellationToken));
    }
}
