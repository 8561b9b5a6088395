using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Accounts.Security;

/// <summary>
/// The calling user, once they proved it again with their current password (before changing the password or the email).
/// A wrong password counts toward the login back-off, so these forms cannot be used to guess it.
/// </summary>
internal sealed class Reauthentication(AccountsDbContext db, PasswordHasher hasher, LoginThrottle throttle, ILogger<Reauthentication> logger)
{
    public async Task<Result<User>> VerifyAsync(ICurrentUser caller, string? password, string field, string action, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        var user = current.Value;
        if (throttle.Refusal(user) is { } refusal)
        {
            return Result<User>.Failure(refusal);
        }

        if (await hasher.VerifyAsync(user.PasswordHash, password ?? string.Empty, cancellationToken) == PasswordCheck.Wrong)
        {
            await throttle.RecordFailureAsync(user.Id, cancellationToken);
            logger.LogWarning("{Action} refused for user {UserId}: wrong current password", action, user.Id);
            return Result<User>.Failure(AccountsErrors.CurrentPasswordWrong, field);
        }

        return user;
    }
}
