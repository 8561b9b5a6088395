using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;

namespace Modular.Accounts.Access;

/// <summary>Helpers for handlers that act on the signed-in user.</summary>
internal static class Caller
{
    /// <summary>The current portal user, tracked; a failure when the caller is not a portal user (requests declare that; this guards a deleted user).</summary>
    public static async Task<Result<User>> CurrentUserAsync(this AccountsDbContext db, ICurrentUser caller, CancellationToken cancellationToken)
    {
        if (caller is not { Kind: CallerKind.Customer, UserId: { } id })
        {
            return Result<User>.Failure(AccountsErrors.NotSignedIn);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? Result<User>.Failure(AccountsErrors.NotSignedIn) : user;
    }

    /// <summary>
    /// Saves now, turning an optimistic-concurrency conflict (someone else changed the same row meanwhile) into a failed result.
    /// </summary>
    public static Task<Result> SaveOrConflictAsync(this AccountsDbContext db, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(new Error(AccountsErrors.ConcurrentUpdate), DbConflict.StaleVersion, cancellationToken);
}
