using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Billing.Runs;

/// <summary>Billing runs with their progress and state: running while a runner holds the lease, interrupted once it is gone.</summary>
internal sealed class GetBillingRunsHandler(BillingDbContext db, UtilityClock clock)
    : IRequestHandler<GetBillingRuns, Result<IReadOnlyList<BillingRunState>>>
{
    private const int Latest = 50;

    public async Task<Result<IReadOnlyList<BillingRunState>>> Handle(GetBillingRuns request, CancellationToken cancellationToken)
    {
        var runs = db.Runs.AsNoTracking();
        if (request.Period is { } period)
        {
            runs = runs.Where(r => r.Period == period);
        }

        var now = clock.Now;
        var list = await runs.OrderByDescending(r => r.StartedAt).Take(Latest).ToListAsync(cancellationToken);
        return list.Select(r => new BillingRunState(r.Id, r.Period,
            r.CompletedAt is not null ? BillingRunStatus.Completed : r.LeaseUntil > now ? BillingRunStatus.Running : BillingRunStatus.Interrupted,
            r.StartedAt, r.LastProgressAt, r.CompletedAt, r.Contracts, r.Issued, r.AlreadyInvoiced, r.NotBillable, r.Failed, r.Resumptions)).ToList();
    }
}
