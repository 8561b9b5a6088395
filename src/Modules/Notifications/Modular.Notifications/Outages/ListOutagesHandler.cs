using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Outages;

/// <summary>Open outages (current and planned, by start), then with <c>IncludeEnded</c> the latest 100 ended ones.</summary>
internal sealed class ListOutagesHandler(NotificationsDbContext db) : IRequestHandler<ListOutages, Result<IReadOnlyList<OutageView>>>
{
    public const int EndedShown = 100;

    public async Task<Result<IReadOnlyList<OutageView>>> Handle(ListOutages request, CancellationToken cancellationToken)
    {
        var open = await db.Outages.AsNoTracking().Where(o => o.RestoredAt == null).ToListAsync(cancellationToken);
        var list = open.OrderBy(o => o.Start).Select(OutageProjection.View).ToList();
        if (request.IncludeEnded)
        {
            var ended = await db.Outages.AsNoTracking().Where(o => o.RestoredAt != null).OrderByDescending(o => o.CreatedAt).Take(EndedShown)
                .ToListAsync(cancellationToken);
            list.AddRange(ended.Select(OutageProjection.View));
        }

        return list;
    }
}
