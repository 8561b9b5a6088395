using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Outages;

/// <summary>The open outages (current and planned) at the caller's premises, each with the addresses it affects (none for a scope of everything: staff acting for nobody).</summary>
internal sealed class GetMyOutagesHandler(NotificationsDbContext db, IAccessScope access) : IRequestHandler<GetMyOutages, Result<IReadOnlyList<MyOutage>>>
{
    public async Task<Result<IReadOnlyList<MyOutage>>> Handle(GetMyOutages request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var contracts = scope.ContractIds.ToList();
        if (scope.All || contracts.Count == 0)
        {
            return Result.Success<IReadOnlyList<MyOutage>>([]);
        }

        var rows = await (from p in db.OutagePremises.AsNoTracking()
                          join o in db.Outages.AsNoTracking() on p.OutageId equals o.Id
                          where o.RestoredAt == null && contracts.Contains(p.ContractId)
                          select new { Outage = o, p.ContractId, p.ContractNumber, p.Address }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Outage.Id)
            .Select(g => new MyOutage(OutageProjection.View(g.First().Outage),
                g.OrderBy(r => r.ContractNumber, StringComparer.Ordinal).Select(r => new MyOutageAddress(r.ContractId, r.ContractNumber, r.Address)).ToList()))
            .OrderBy(m => m.Outage.Start)
            .ToList();
    }
}
