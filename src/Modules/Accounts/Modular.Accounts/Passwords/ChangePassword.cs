using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Notifications;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Accounts.Sessions;
using Modular.Core.Audit;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Passwords;

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator(PasswordPolicy policy) =>
        this.PasswordRules(policy, "NewPassword", r => r.NewPassword, r => r.NewPasswordConfirmation);
}

internal sealed class ChangePasswordHandler(
    AccountsDbContext db, ICurrentUser caller, Reauthentication reauthentication, PasswordHasher hasher, SessionStore sessions, IAuditTrail audit,
    UtilityClock clock, ILogger<ChangePasswordHandler> logger)
    : IRequestHandler<ChangePassword, Result>
{
    public async Task<Result> Handle(ChangePassword request, CancellationToken cancellationToken)
    {
        var verified = await reauthentication.VerifyAsync(caller, request.CurrentPassword, nameof(request.CurrentPassword), "Password change", cancellationToken);
        if (verified.IsFailure)
        {
            audit.RecordAttempt(new AuditEvent(SecurityEvents.PasswordChanged, verified.Error.Code, caller.UserId));
            return verified;
        }

        var user = verified.Value;

        user.ChangePassword(hasher.Hash(request.NewPassword));
        db.Publish(new AccountEmailRequested(Guid.NewGuid(), clock.Now, user.Id, AccountEmail.PasswordChanged));

        // Whoever else holds a session (a stolen cookie included) is signed out; this one stays.
        await sessions.EndAllAsync(SessionKind.Customer, user.Id, caller.SessionId, "password_changed", cancellationToken);
        audit.Record(new AuditEvent(SecurityEvents.PasswordChanged, AuditOutcomes.Ok, user.Id));
        var saved = await db.SaveOrConflictAsync(cancellationToken);
        if (saved.IsSuccess)
        {
            logger.LogInformation("User {UserId} changed their password", user.Id);
        }

        return saved;
    }
}
