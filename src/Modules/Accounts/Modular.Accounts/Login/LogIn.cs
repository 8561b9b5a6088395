using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Accounts.Sessions;
using Modular.Core.Audit;
using Modular.Core.Results;

namespace Modular.Accounts.Login;

/// <summary>Email + password, with the per-account back-off of <see cref="LoginThrottle"/>.</summary>
internal sealed class LogInHandler(AccountsDbContext db, PasswordHasher hasher, LoginThrottle throttle, SessionStore sessions, IAuditTrail audit,
    IOptions<AccountsOptions> options, ILogger<LogInHandler> logger)
    : IRequestHandler<LogIn, Result<LogInResult>>
{
    public async Task<Result<LogInResult>> Handle(LogIn request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.Email ?? string.Empty);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            await hasher.VerifyNothingAsync(request.Password ?? string.Empty, cancellationToken);
            logger.LogWarning("Login failed: no account for the given email");
            audit.RecordAttempt(new AuditEvent(SecurityEvents.LoginFailed, AccountsErrors.InvalidCredentials));
            return Result<LogInResult>.Failure(AccountsErrors.InvalidCredentials);
        }

        if (throttle.Refusal(user) is { } refusal)
        {
            logger.LogWarning("Login refused: user {UserId} is in back-off", user.Id);
            audit.RecordAttempt(new AuditEvent(SecurityEvents.LoginFailed, AccountsErrors.LoginThrottled, user.Id));
            return Result<LogInResult>.Failure(refusal);
        }

        // A user registered through a provider has no password: the same hashing cost as a wrong one, so timing tells nothing.
        var check = string.IsNullOrEmpty(user.PasswordHash)
            ? await NoPasswordAsync(request.Password, cancellationToken)
            : await hasher.VerifyAsync(user.PasswordHash, request.Password ?? string.Empty, cancellationToken);
        if (check == PasswordCheck.Wrong)
        {
            var failures = await throttle.RecordFailureAsync(user.Id, cancellationToken);
            logger.LogWarning("Login failed for user {UserId}: wrong password ({Failures} in a row)", user.Id, failures);
            audit.RecordAttempt(new AuditEvent(SecurityEvents.LoginFailed, AccountsErrors.InvalidCredentials, user.Id));
            return Result<LogInResult>.Failure(AccountsErrors.InvalidCredentials);
        }

        // Only someone who knows the password learns that the address is not confirmed yet.
        if (!user.IsConfirmed)
        {
            logger.LogWarning("Login refused for user {UserId}: email not confirmed", user.Id);
            audit.RecordAttempt(new AuditEvent(SecurityEvents.LoginFailed, AccountsErrors.EmailNotConfirmed, user.Id));
            return Result<LogInResult>.Failure(AccountsErrors.EmailNotConfirmed);
        }

        await throttle.RecordSuccessAsync(user.Id, cancellationToken);
        if (check == PasswordCheck.CorrectNeedsRehash)
        {
            var rehashed = await hasher.HashAsync(request.Password!, cancellationToken);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), cancellationToken);
        }

        logger.LogInformation("Login succeeded for user {UserId}", user.Id);
        audit.Record(new AuditEvent(SecurityEvents.LoginSucceeded, AuditOutcomes.Ok, user.Id));
        var session = sessions.Start(SessionKind.Customer, user.Id);
        var terms = options.Value.TermsVersion;
        return new LogInResult(user.Id, user.Email, user.Culture, user.MustAcceptTerms(terms), terms, session);
    }

    private async Task<PasswordCheck> NoPasswordAsync(string? password, CancellationToken cancellationToken)
    {
        await hasher.VerifyNothingAsync(password ?? string.Empty, cancellationToken);
        return PasswordCheck.Wrong;
    }
}
