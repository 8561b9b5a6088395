using MediatR;
using Modular.Core.Results;

namespace Modular.Core.Schedules;

/// <summary>Every job in Core's store, whichever host declared it. Who may ask is declared on the request.</summary>
internal sealed class GetScheduledJobsHandler(ScheduleStatuses statuses)
    : IRequestHandler<GetScheduledJobs, Result<IReadOnlyList<ScheduledJobStatus>>>
{
    public async Task<Result<IReadOnlyList<ScheduledJobStatus>>> Handle(GetScheduledJobs request, CancellationToken cancellationToken)
    {
        return Result.Success(await statuses.ReadAsync(null, cancellationToken));
    }
}
