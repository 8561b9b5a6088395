using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Notifications;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Accounts.Sessions;
using Modular.Core.Audit;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Passwords;

internal sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
{
    public ResetPasswordValidator(PasswordPolicy policy) =>
        this.PasswordRules(policy, "NewPassword", r => r.NewPassword, r => r.NewPasswordConfirmation);
}

internal sealed class ResetPasswordHandler(AccountsDbContext db, PasswordHasher hasher, SessionStore sessions, IAuditTrail audit, UtilityClock clock,
    ILogger<ResetPasswordHandler> logger)
    : IRequestHandler<ResetPassword, Result>
{
    public async Task<Result> Handle(ResetPassword request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var token = await db.UseAsync(request.Token, TokenPurpose.ResetPassword, now, cancellationToken);
        if (token is null)
        {
            return Result.Failure(AccountsErrors.TokenInvalid, nameof(request.Token));
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        user.ChangePassword(hasher.Hash(request.NewPassword));
        if (!user.IsConfirmed)
        {
            // The link reached the mailbox: that proves the address as well as a confirmation link would.
            user.Confirm(now);
            db.Publish(new UserConfirmed(Guid.NewGuid(), now, user.Id));
        }

        db.Publish(new AccountEmailRequested(Guid.NewGuid(), now, user.Id, AccountEmail.PasswordChanged));
        await sessions.EndAllAsync(SessionKind.Customer, user.Id, null, "password_reset", cancellationToken);
        audit.Record(new AuditEvent(SecurityEvents.PasswordReset, AuditOutcomes.Ok, user.Id));
        if ((await db.SaveOrConflictAsync(cancellationToken)).IsFailure)
        {
            return Result.Failure(AccountsErrors.TokenInvalid, nameof(request.Token));
        }

        logger.LogInformation("User {UserId} reset their password", user.Id);
        return Result.Success();
    }
}
