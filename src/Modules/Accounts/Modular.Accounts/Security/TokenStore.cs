using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using NodaTime;

namespace Modular.Accounts.Security;

internal static class TokenStore
{
    /// <summary>
    /// Finds a usable token of the purpose and marks it used (tracked). The caller saves; <see cref="UserToken.UsedAt"/> is a
    /// concurrency token, so of two concurrent uses only one can be saved.
    /// </summary>
    public static async Task<UserToken?> UseAsync(this AccountsDbContext db, string? token, TokenPurpose purpose, Instant now,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Tokens.HashOf(token.Trim());
        var found = await db.UserTokens.SingleOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose, cancellationToken);
        if (found is null || !found.IsUsable(now))
        {
            return null;
        }

        found.UsedAt = now;
        return found;
    }
}
