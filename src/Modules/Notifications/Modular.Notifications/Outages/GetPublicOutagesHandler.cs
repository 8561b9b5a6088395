using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Outages;

/// <summary>
/// What everyone may read (the public page, no sign-in): the outages not ended yet – current ones, then planned ones – with
/// their localities and texts; never which customers or premises they affect.
/// </summary>
internal sealed class GetPublicOutagesHandler(NotificationsDbContext db) : IRequestHandler<GetPublicOutages, Result<IReadOnlyList<OutageView>>>
{
    public async Task<Result<IReadOnlyList<OutageView>>> Handle(GetPublicOutages request, CancellationToken cancellationToken)
    {
        var open = await db.Outages.AsNoTracking().Where(o => o.RestoredAt == null).ToListAsync(cancellationToken);
        return open.OrderBy(o => o.Start).Select(OutageProjection.View).ToList();
    }
}
