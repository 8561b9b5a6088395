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
using Modular.Core.Persistence;
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
        string? hash = null;
        // A change of the user's row meanwhile (a login's back-off, a profile edit) is read again and the reset redone; the
        // token's own use decides between two resets with the same link: the second finds it used.
        var reset = await db.RetryOnConflictAsync<Guid>(async (_, ct) =>
        {
            var now = clock.Now;
            var token = await db.UseAsync(request.Token, TokenPurpose.ResetPassword, now, ct);
            if (token is null)
            {
                return Result<Guid>.Failure(AccountsErrors.TokenInvalid, nameof(request.Token));
            }

            var user = await db.Users.SingleAsync(u => u.Id == token.UserId, ct);
            // Hashed only for a valid link (a bogus one costs no hashing), and once whatever the attempts.
            user.ChangePassword(hash ??= await hasher.HashAsync(request.NewPassword, ct));
            if (!user.IsConfirmed)
            {
                // The link reached the mailbox: that proves the address as well as a confirmation link would.
                user.Confirm(now);
                db.Publish(new UserConfirmed(Guid.NewGuid(), now, user.Id));
            }

            db.Publish(new AccountEmailRequested(Guid.NewGuid(), now, user.Id, AccountEmail.PasswordChanged));
            await sessions.EndAllAsync(SessionKind.Customer, user.Id, null, "password_reset", ct);
            audit.Record(new AuditEvent(SecurityEvents.PasswordReset, AuditOutcomes.Ok, user.Id));
            return user.Id;
        }, new Error(AccountsErrors.TokenInvalid, nameof(request.Token)), DbConflict.StaleVersion, cancellationToken);
        if (reset.IsFailure)
        {
            return Result.Failure(reset.Errors);
        }

        logger.LogInformation("User {UserId} reset their password", reset.Value);
        return Result.Success();
    }
}
