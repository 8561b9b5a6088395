using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Outages;

/// <summary>One outage for staff: its area as recorded, the premises matched so far, every step.</summary>
internal sealed class GetOutageHandler(NotificationsDbContext db) : IRequestHandler<GetOutage, Result<OutageDetails>>
{
    public async Task<Result<OutageDetails>> Handle(GetOutage request, CancellationToken cancellationToken)
    {
        var outage = await db.Outages.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.OutageId, cancellationToken);
        if (outage is null)
        {
            return Result<OutageDetails>.Failure(NotificationsErrors.OutageNotFound);
        }

        var premises = await db.OutagePremises.CountAsync(p => p.OutageId == outage.Id, cancellationToken);
        var steps = await db.OutageUpdates.AsNoTracking().Where(u => u.OutageId == outage.Id).ToListAsync(cancellationToken);
        return new OutageDetails(OutageProjection.View(outage), OutageRules.ReadStreets(outage.StreetsJson), outage.AreaGeoJson, premises,
            steps.OrderBy(s => s.Number).Select(s => new OutageUpdateView(s.Number, s.Step.ToString(), s.At, s.ExpectedEnd, s.StaffId)).ToList());
    }
}
