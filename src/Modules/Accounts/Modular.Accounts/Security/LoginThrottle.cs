using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Accounts.Security;

/// <summary>
/// The per-account count of wrong passwords and its back-off, shared by login and by the commands that re-check the
/// password (change password, change email), so a stolen session cannot be used to guess the password either.
/// Counters are written with single atomic updates right away: the failed result that follows would make the unit of
/// work discard tracked changes, and concurrent attempts must all count.
/// </summary>
internal sealed class LoginThrottle(AccountsDbContext db, UtilityClock clock, IOptions<AccountsOptions> options)
{
    /// <summary>The refusal while the account is in back-off, or null.</summary>
    public Error? Refusal(User user)
    {
        var now = clock.Now;
        if (!user.IsLockedOut(now))
        {
            return null;
        }

        var seconds = (int)Math.Ceiling((user.LockedUntil!.Value - now).TotalSeconds);
        return Error.Of(AccountsErrors.LoginThrottled, null, ("seconds", seconds));
    }

    /// <summary>Counts a wrong password and starts or extends the back-off; answers the failures in a row.</summary>
    public async Task<int> RecordFailureAsync(Guid userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLogins, u => u.FailedLogins + 1), cancellationToken);
        var failures = await db.Users.Where(u => u.Id == userId).Select(u => u.FailedLogins).SingleAsync(cancellationToken);
        var backOff = User.BackOff(failures, settings.LockoutThreshold, Duration.FromSeconds(settings.LockoutBaseSeconds),
            Duration.FromSeconds(settings.LockoutMaxSeconds));
        if (backOff is { } delay)
        {
            Instant? until = clock.Now + delay;
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, until), cancellationToken);
        }

        return failures;
    }

    public async Task RecordSuccessAsync(Guid userId, CancellationToken cancellationToken)
    {
        Instant? last = clock.Now;
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedLogins, 0)
            .SetProperty(u => u.LockedUntil, (Instant?)null)
            .SetProperty(u => u.LastLoginAt, last), cancellationToken);
    }
}
