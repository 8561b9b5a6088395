using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Outages;

/// <summary>
/// Ends an open outage (supply restored, not in the future and not before its start): the last update, whose users are told
/// once. Same version rule as <see cref="UpdateOutageHandler"/>; ending it twice answers <c>outages.ended</c>.
/// </summary>
internal sealed class EndOutageHandler(NotificationsDbContext db, ICurrentUser user, UtilityClock clock) : IRequestHandler<EndOutage, Result<int>>
{
    public async Task<Result<int>> Handle(EndOutage request, CancellationToken cancellationToken)
    {
        var outage = await db.Outages.SingleOrDefaultAsync(o => o.Id == request.OutageId, cancellationToken);
        if (outage is null)
        {
            return Result<int>.Failure(NotificationsErrors.OutageNotFound);
        }

        if (!outage.IsOpen)
        {
            return Result<int>.Failure(NotificationsErrors.OutageEnded);
        }

        if (outage.Version != request.Version)
        {
            return Result<int>.Failure(NotificationsErrors.OutageChangedMeanwhile);
        }

        var now = clock.Now;
        if (request.RestoredAt > now)
        {
            return Result<int>.Failure(NotificationsErrors.OutageRestoredInFuture, nameof(EndOutage.RestoredAt));
        }

        if (request.RestoredAt < outage.Start)
        {
            return Result<int>.Failure(NotificationsErrors.OutageEndBeforeStart, nameof(EndOutage.RestoredAt));
        }

        outage.RestoredAt = request.RestoredAt;
        outage.Updates++;
        outage.Version++;
        outage.UpdatedAt = now;
        db.OutageUpdates.Add(OutageSteps.Record(outage, OutageStep.Ended, now, user.StaffId));
        db.Publish(new OutageEnded(Guid.CreateVersion7(), now, outage.Id, outage.Updates, request.RestoredAt));
        return await db.SaveOrConflictAsync(outage.Version, new Error(NotificationsErrors.OutageChangedMeanwhile), DbConflict.All, cancellationToken);
    }
}
