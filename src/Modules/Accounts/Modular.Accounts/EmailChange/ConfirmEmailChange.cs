using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Notifications;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Persistence;
using Modular.Core.Audit;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.EmailChange;

/// <summary>Moves the user to the new address, which the token proves; the old address is told.</summary>
internal sealed class ConfirmEmailChangeHandler(AccountsDbContext db, IAuditTrail audit, UtilityClock clock, ILogger<ConfirmEmailChangeHandler> logger)
    : IRequestHandler<ConfirmEmailChange, Result>
{
    public async Task<Result> Handle(ConfirmEmailChange request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var token = await db.UseAsync(request.Token, TokenPurpose.ChangeEmail, now, cancellationToken);
        if (token?.NewEmail is null)
        {
            return Result.Failure(AccountsErrors.TokenInvalid, nameof(request.Token));
        }

        var normalized = User.Normalize(token.NewEmail);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != token.UserId, cancellationToken))
        {
            return Result.Failure(AccountsErrors.EmailTaken, nameof(request.Token));
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        var old = user.Email;
        user.ChangeEmail(token.NewEmail);
        user.Confirm(now);
        db.Publish(new ContactDataChanged(Guid.NewGuid(), now, user.Id, user.Email, user.Phone, user.Culture));
        db.Publish(new AccountEmailRequested(Guid.NewGuid(), now, user.Id, AccountEmail.EmailChanged, old));
        // A concurrent use of the token (the user's version) or the address taken meanwhile by another account.
        var saved = await db.SaveOrConflictAsync(
            kind => new Error(kind == DbConflict.UniqueViolation ? AccountsErrors.EmailTaken : AccountsErrors.TokenInvalid, nameof(request.Token)),
            DbConflict.Taken, cancellationToken);
        if (saved.IsFailure)
        {
            return saved;
        }

        audit.Record(new AuditEvent(SecurityEvents.EmailChanged, AuditOutcomes.Ok, user.Id));
        logger.LogInformation("User {UserId} changed their email", user.Id);
        return Result.Success();
    }
}
