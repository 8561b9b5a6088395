using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Notifications;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
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
    AccountsDbContext db, ICurrentUser caller, PasswordHasher hasher, LoginThrottle throttle, UtilityClock clock, ILogger<ChangePasswordHandler> logger)
    : IRequestHandler<ChangePassword, Result>
{
    public async Task<Result> Handle(ChangePassword request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        var user = current.Value;
        if (throttle.Refusal(user) is { } refusal)
        {
            return Result.Failure(refusal);
        }

        if (hasher.Verify(user.PasswordHash, request.CurrentPassword ?? string.Empty) == PasswordCheck.Wrong)
        {
            await throttle.RecordFailureAsync(user.Id, cancellationToken);
            logger.LogWarning("Password change refused for user {UserId}: wrong current password", user.Id);
            return Result.Failure(AccountsErrors.CurrentPasswordWrong, nameof(request.CurrentPassword));
        }

        user.ChangePassword(hasher.Hash(request.NewPassword));
        db.Publish(new AccountEmailRequested(Guid.NewGuid(), clock.Now, user.Id, AccountEmail.PasswordChanged));
        var saved = await db.SaveOrConflictAsync(cancellationToken);
        if (saved.IsSuccess)
        {
            logger.LogInformation("User {UserId} changed their password", user.Id);
        }

        return saved;
    }
}
