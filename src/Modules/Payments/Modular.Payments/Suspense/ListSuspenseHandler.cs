using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Online;
using Modular.Payments.Persistence;

namespace Modular.Payments.Suspense;

/// <summary>Staff see unmatched money, oldest first.</summary>
internal sealed class ListSuspenseHandler(PaymentsDbContext db) : IRequestHandler<ListSuspense, Result<IReadOnlyList<SuspenseEntry>>>
{
    public async Task<Result<IReadOnlyList<SuspenseEntry>>> Handle(ListSuspense request, CancellationToken cancellationToken)
    {
        var query = db.Suspense.AsNoTracking();
        if (request.OpenOnly)
        {
            query = query.Where(s => s.Status == SuspenseStatus.Open);
        }

        var items = await query.OrderBy(s => s.CreatedAt).Take(10_000).ToListAsync(cancellationToken);
        return items.Select(s => new SuspenseEntry(s.Id, s.Source, s.Money, s.ValueDate, s.Reference, s.Payer, s.Reason, s.Status, s.PaymentId)).ToList();
    }
}
