using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Notifications;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Passwords;

internal sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordReset>
{
    public RequestPasswordResetValidator() => RuleFor(r => r.Email).ValidEmail();
}

/// <summary>
/// The same success for any address. A confirmed user gets a reset link; an unconfirmed one gets a new confirmation link
/// (login needs it first); an unknown address gets nothing, so the endpoint cannot be used to send mail to strangers.
/// The answer must not tell by its timing either, so every path does the same work: one look-up and one account email
/// enqueued through the outbox – for an unknown address addressed to no user (<see cref="Guid.Empty"/>), which the
/// consumer drops after the same look-up it does for a real one.
/// </summary>
internal sealed class RequestPasswordResetHandler(AccountsDbContext db, UtilityClock clock, ILogger<RequestPasswordResetHandler> logger)
    : IRequestHandler<RequestPasswordReset, Result>
{
    public async Task<Result> Handle(RequestPasswordReset request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.Email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        var kind = user is null || user.IsConfirmed ? AccountEmail.PasswordReset : AccountEmail.ConfirmEmail;
        db.Publish(new AccountEmailRequested(Guid.NewGuid(), clock.Now, user?.Id ?? Guid.Empty, kind, Note: Notes.Resent));
        logger.LogInformation("Password reset requested for user {UserId}", user?.Id);
        return Result.Success();
    }
}
