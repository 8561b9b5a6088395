using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.ExternalSignIn;

internal sealed class LinkExternalLoginValidator : AbstractValidator<LinkExternalLogin>
{
    public LinkExternalLoginValidator() =>
        RuleFor(r => r.Identity).NotNull().SetValidator(new ExternalIdentityValidator(requireNationalId: true));
}

/// <summary>
/// The signed-in user adds a provider. The user has already proven the account is theirs; the provider's identity number
/// is kept as a hash only, and one identity signs in to one account.
/// </summary>
internal sealed class LinkExternalLoginHandler(
    AccountsDbContext db, ICurrentUser caller, IdentityNumberHasher hasher, IAuditTrail audit, UtilityClock clock, ILogger<LinkExternalLoginHandler> logger)
    : IRequestHandler<LinkExternalLogin, Result>
{
    public async Task<Result> Handle(LinkExternalLogin request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        if (hasher.Key is null)
        {
            return Result.Failure(AccountsErrors.ExternalLoginUnavailable);
        }

        var user = current.Value;
        var identity = request.Identity;
        var existing = await db.ExternalLogins.AsNoTracking()
            .Where(l => (l.Provider == identity.Provider && l.Subject == identity.Subject) || (l.UserId == user.Id && l.Provider == identity.Provider))
            .ToListAsync(cancellationToken);
        if (existing.Any(l => l.UserId == user.Id && l.Subject == identity.Subject))
        {
            return Result.Success();
        }

        if (existing.Any(l => l.Subject == identity.Subject))
        {
            return Result.Failure(AccountsErrors.ExternalLoginTaken);
        }

        if (existing.Count > 0)
        {
            return Result.Failure(AccountsErrors.ExternalProviderAlreadyLinked);
        }

        var now = clock.Now;
        db.ExternalLogins.Add(new ExternalLogin
        {
            Id = Guid.NewGuid(), UserId = user.Id, Provider = identity.Provider, Subject = identity.Subject,
            IdentityHash = hasher.Hash(identity.NationalId!), LinkedAt = now,
        });
        audit.Record(new AuditEvent(ExternalSignInEvents.Linked, AuditOutcomes.Ok, user.Id));
        var saved = await db.SaveOrConflictAsync(new Error(AccountsErrors.ExternalLoginTaken), DbConflict.UniqueViolation, cancellationToken);
        if (saved.IsSuccess)
        {
            logger.LogInformation("User {UserId} linked {Provider}", user.Id, identity.Provider);
        }

        return saved;
    }
}

internal sealed class UnlinkExternalLoginValidator : AbstractValidator<UnlinkExternalLogin>
{
    public UnlinkExternalLoginValidator() => RuleFor(r => r.Provider).NotEmpty().MaximumLength(30).WithErrorCode(AccountsErrors.ExternalLoginNotLinked);
}

/// <summary>
/// Removes a provider unless nothing would be left to sign in with (no password and no other provider). The user row
/// is touched, so an unlink racing another unlink or a password change conflicts instead of leaving no way in.
/// </summary>
internal sealed class UnlinkExternalLoginHandler(AccountsDbContext db, ICurrentUser caller, IAuditTrail audit, ILogger<UnlinkExternalLoginHandler> logger)
    : IRequestHandler<UnlinkExternalLogin, Result>
{
    public async Task<Result> Handle(UnlinkExternalLogin request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        var user = current.Value;
        var links = await db.ExternalLogins.Where(l => l.UserId == user.Id).ToListAsync(cancellationToken);
        var link = links.SingleOrDefault(l => l.Provider == request.Provider);
        if (link is null)
        {
            return Result.Failure(AccountsErrors.ExternalLoginNotLinked);
        }

        if (links.Count == 1 && string.IsNullOrEmpty(user.PasswordHash))
        {
            return Result.Failure(AccountsErrors.ExternalLoginLastMethod);
        }

        db.ExternalLogins.Remove(link);
        user.Touch();
        audit.Record(new AuditEvent(ExternalSignInEvents.Unlinked, AuditOutcomes.Ok, user.Id));
        var saved = await db.SaveOrConflictAsync(cancellationToken);
        if (saved.IsSuccess)
        {
            logger.LogInformation("User {UserId} unlinked {Provider}", user.Id, request.Provider);
        }

        return saved;
    }
}

internal sealed class GetExternalLoginsHandler(AccountsDbContext db, ICurrentUser caller) : IRequestHandler<GetExternalLogins, Result<ExternalLoginsView>>
{
    public async Task<Result<ExternalLoginsView>> Handle(GetExternalLogins request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return Result<ExternalLoginsView>.Failure(current.Errors);
        }

        var links = await db.ExternalLogins.AsNoTracking().Where(l => l.UserId == current.Value.Id).OrderBy(l => l.Provider)
            .Select(l => new LinkedProvider(l.Provider, l.LinkedAt, l.LastUsedAt)).ToListAsync(cancellationToken);
        return new ExternalLoginsView(!string.IsNullOrEmpty(current.Value.PasswordHash), links);
    }
}
