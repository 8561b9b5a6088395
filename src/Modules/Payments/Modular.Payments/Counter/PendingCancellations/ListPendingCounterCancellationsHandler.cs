using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.PendingCancellations;

/// <summary>Cancellations waiting for a supervisor, oldest first (at most 200).</summary>
internal sealed class ListPendingCounterCancellationsHandler(PaymentsDbContext db)
    : IRequestHandler<ListPendingCounterCancellations, Result<IReadOnlyList<CounterCancellationView>>>
{
    public async Task<Result<IReadOnlyList<CounterCancellationView>>> Handle(ListPendingCounterCancellations request, CancellationToken cancellationToken)
    {
        var pending = await db.CounterCancellations.AsNoTracking().Where(c => c.Status == CounterCancellationStatus.Pending)
            .OrderBy(c => c.RequestedAt).Take(200).ToListAsync(cancellationToken);
        var ids = pending.Select(c => c.PaymentId).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return pending.Where(c => payments.ContainsKey(c.PaymentId)).Select(c => Cancellations.View(c, payments[c.PaymentId])).ToList();
    }
}
