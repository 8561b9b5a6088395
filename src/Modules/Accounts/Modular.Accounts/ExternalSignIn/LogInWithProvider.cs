using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Accounts.Sessions;
using Modular.Core.Audit;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.ExternalSignIn;

internal sealed class LogInWithProviderValidator : AbstractValidator<LogInWithProvider>
{
    public LogInWithProviderValidator() =>
        RuleFor(r => r.Identity).NotNull().SetValidator(new ExternalIdentityValidator(requireNationalId: false));
}

/// <summary>
/// Log-in through a linked provider: the session is the one a password log-in starts. When the token carries the identity
/// number, it must still hash to the link's (a provider that reassigned a subject to someone else is refused). Customers
/// have no second factor of their own; a provider log-in is itself strong authentication (module docs).
/// </summary>
internal sealed class LogInWithProviderHandler(
    AccountsDbContext db, IdentityNumberHasher hasher, SessionStore sessions, IAuditTrail audit, UtilityClock clock,
    IOptions<AccountsOptions> options, ILogger<LogInWithProviderHandler> logger)
    : IRequestHandler<LogInWithProvider, Result<LogInResult>>
{
    public async Task<Result<LogInResult>> Handle(LogInWithProvider request, CancellationToken cancellationToken)
    {
        var identity = request.Identity;
        var link = await db.ExternalLogins.SingleOrDefaultAsync(l => l.Provider == identity.Provider && l.Subject == identity.Subject, cancellationToken);
        if (link is null)
        {
            logger.LogInformation("Provider log-in: no user is linked to this {Provider} identity", identity.Provider);
            return Result<LogInResult>.Failure(AccountsErrors.ExternalLoginNotLinked);
        }

        if (identity.NationalId is not null && (hasher.Key is null || hasher.Hash(identity.NationalId) != link.IdentityHash))
        {
            logger.LogWarning("Provider log-in refused for user {UserId}: {Provider} now names another identity number", link.UserId, identity.Provider);
            audit.RecordAttempt(new AuditEvent(SecurityEvents.LoginFailed, AccountsErrors.ExternalIdentityMismatch, link.UserId));
            return Result<LogInResult>.Failure(AccountsErrors.ExternalIdentityMismatch);
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == link.UserId, cancellationToken);
        if (!user.IsConfirmed)
        {
            audit.RecordAttempt(new AuditEvent(SecurityEvents.LoginFailed, AccountsErrors.EmailNotConfirmed, user.Id));
            return Result<LogInResult>.Failure(AccountsErrors.EmailNotConfirmed);
        }

        link.LastUsedAt = clock.Now;
        logger.LogInformation("Login through {Provider} succeeded for user {UserId}", identity.Provider, user.Id);
        audit.Record(new AuditEvent(SecurityEvents.LoginSucceeded, AuditOutcomes.Ok, user.Id));
        var session = sessions.Start(SessionKind.Customer, user.Id);
        var terms = options.Value.TermsVersion;
        return new LogInResult(user.Id, user.Email, user.Culture, user.MustAcceptTerms(terms), terms, session);
    }
}
