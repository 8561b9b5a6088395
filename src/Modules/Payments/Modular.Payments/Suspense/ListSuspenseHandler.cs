using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Suspense;

/// <summary>Staff see unmatched money, oldest first, optionally narrowed to a text or an exact amount.</summary>
internal sealed class ListSuspenseHandler(PaymentsDbContext db) : IRequestHandler<ListSuspense, Result<IReadOnlyList<SuspenseEntry>>>
{
    public async Task<Result<IReadOnlyList<SuspenseEntry>>> Handle(ListSuspense request, CancellationToken cancellationToken)
    {
        var query = db.Suspense.AsNoTracking();
        if (request.OpenOnly)
        {
            query = query.Where(s => s.Status == SuspenseStatus.Open);
        }

        var search = request.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            // An amount is typed with a point or a comma; anything else is looked for in the reference and the payer's name.
            if (decimal.TryParse(search.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                query = query.Where(s => s.Amount == amount || (s.Reference != null && s.Reference.Contains(search)));
            }
            else
            {
                var lower = search.ToLowerInvariant();
                query = query.Where(s => (s.Reference != null && s.Reference.ToLower().Contains(lower)) || (s.Payer != null && s.Payer.ToLower().Contains(lower)));
            }
        }

        var items = await query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(Math.Clamp(request.Take, 1, 1_000)).ToListAsync(cancellationToken);
        return items.Select(Entry).ToList();
    }

    internal static SuspenseEntry Entry(SuspenseItem s) =>
        new(s.Id, s.Source, s.Money, s.ValueDate, s.Reference, s.Payer, s.Reason, s.Status, s.PaymentId, s.CreatedAt, s.ClosedAt, s.Note, s.ParentId);
}
