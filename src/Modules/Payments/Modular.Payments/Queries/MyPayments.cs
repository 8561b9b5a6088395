using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>The caller's payments (the list and its CSV export read the same).</summary>
internal static class MyPayments
{
    public static async Task<IReadOnlyList<PaymentSummary>> LoadAsync(PaymentsDbContext db, IAccessScope access, ICurrentUser user, int take,
        CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var customers = scope.CustomerIds.ToList();
        var userId = user.UserId;
        var query = db.Payments.AsNoTracking();
        if (!scope.All)
        {
            query = query.Where(p => customers.Contains(p.CustomerId) || (userId != null && p.CreatedBy == userId));
        }

        // Instants are stored as sortable UTC text on SQLite and timestamptz on PostgreSQL, so ordering in SQL is sound.
        var rows = await query.OrderByDescending(p => p.CreatedAt).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return rows.Select(PaymentVisibility.Summary).ToList();
    }
}
