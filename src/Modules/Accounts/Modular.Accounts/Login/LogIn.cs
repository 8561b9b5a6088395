using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Results;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Accounts.Login;

/// <summary>
/// Email + password. Counters are written with single atomic updates right away: a failed login answers a failed
/// result (which the unit of work would discard), and concurrent attempts must all count.
/// </summary>
internal sealed class LogInHandler(
    AccountsDbContext db, PasswordHasher hasher, UtilityClock clock, IOptions<AccountsOptions> options, ILogger<LogInHandler> logger)
    : IRequestHandler<LogIn, Result<LogInResult>>
{
    public async Task<Result<LogInResult>> Handle(LogIn request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.Now;
        var normalized = User.Normalize(request.Email ?? string.Empty);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            hasher.VerifyNothing(request.Password ?? string.Empty);
            logger.LogWarning("Login failed: no account for the given email");
            return Result<LogInResult>.Failure(AccountsErrors.InvalidCredentials);
        }

        if (user.IsLockedOut(now))
        {
            var seconds = (int)Math.Ceiling((user.LockedUntil!.Value - now).TotalSeconds);
            logger.LogWarning("Login refused: user {UserId} is in back-off for {Seconds} s", user.Id, seconds);
            return Result<LogInResult>.Failure(Error.Of(AccountsErrors.LoginThrottled, null, ("seconds", seconds)));
        }

        var check = hasher.Verify(user.PasswordHash, request.Password ?? string.Empty);
        if (check == PasswordCheck.Wrong)
        {
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLogins, u => u.FailedLogins + 1), cancellationToken);
            var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FailedLogins).SingleAsync(cancellationToken);
            var backOff = User.BackOff(failures, settings.LockoutThreshold, Duration.FromSeconds(settings.LockoutBaseSeconds),
                Duration.FromSeconds(settings.LockoutMaxSeconds));
            if (backOff is { } delay)
            {
                Instant? until = now + delay;
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, until), cancellationToken);
            }

            logger.LogWarning("Login failed for user {UserId}: wrong password ({Failures} in a row)", user.Id, failures);
            return Result<LogInResult>.Failure(AccountsErrors.InvalidCredentials);
        }

        // Only someone who knows the password learns that the address is not confirmed yet.
        if (!user.IsConfirmed)
        {
            logger.LogWarning("Login refused for user {UserId}: email not confirmed", user.Id);
            return Result<LogInResult>.Failure(AccountsErrors.EmailNotConfirmed);
        }

        Instant? last = now;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedLogins, 0)
            .SetProperty(u => u.LockedUntil, (Instant?)null)
            .SetProperty(u => u.LastLoginAt, last), cancellationToken);
        if (check == PasswordCheck.CorrectNeedsRehash)
        {
            var rehashed = hasher.Hash(request.Password!);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), cancellationToken);
        }

        logger.LogInformation("Login succeeded for user {UserId}", user.Id);
        return new LogInResult(user.Id, user.Email, user.Culture, user.MustAcceptTerms(settings.TermsVersion), settings.TermsVersion);
    }
}
