using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;

namespace Modular.Requests.Queries;

/// <summary>The requests of the customers the caller may see (a portal user's, the acted-for or kiosk customer's), newest first.</summary>
internal sealed class GetMyRequestsHandler(RequestsDbContext db, IAccessScope access, UtilityClock clock) : IRequestHandler<GetMyRequests, Result<IReadOnlyList<RequestSummary>>>
{
    public async Task<Result<IReadOnlyList<RequestSummary>>> Handle(GetMyRequests request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (scope.All)
        {
            // Staff acting for nobody have no "own" requests: the inbox is theirs.
            return Result.Success<IReadOnlyList<RequestSummary>>([]);
        }

        var customers = scope.CustomerIds.ToList();
        var now = clock.Now;
        var rows = await db.Requests.AsNoTracking().Where(r => customers.Contains(r.CustomerId))
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Number).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => RequestVisibility.Summary(r, now)).ToList();
    }
}
