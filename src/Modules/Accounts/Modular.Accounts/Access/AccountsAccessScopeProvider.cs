using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Persistence;
using Modular.Core.Access;

namespace Modular.Accounts.Access;

/// <summary>
/// A portal user sees exactly the customers of their linked client codes and those customers' contracts; a kiosk session
/// and staff acting on a customer's behalf see that one customer and its contracts.
/// </summary>
internal sealed class AccountsAccessScopeProvider(AccountsDbContext db) : IAccessScopeProvider
{
    public async Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken)
    {
        var customers = await db.UserCustomers.AsNoTracking()
            .Where(l => l.UserId == userId)
            .Select(l => l.CustomerId)
            .ToListAsync(cancellationToken);
        if (customers.Count == 0)
        {
            return AccessScope.Nothing;
        }

        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => customers.Contains(c.CustomerId))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        return new AccessScope(false, customers.ToHashSet(), contracts.ToHashSet());
    }

    public async Task<AccessScope> GetCustomerScopeAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        return new AccessScope(false, new HashSet<Guid> { customerId }, contracts.ToHashSet());
    }
}
