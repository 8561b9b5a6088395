using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Registration;

internal sealed class ConfirmEmailHandler(AccountsDbContext db, UtilityClock clock, ILogger<ConfirmEmailHandler> logger)
    : IRequestHandler<ConfirmEmail, Result>
{
    public async Task<Result> Handle(ConfirmEmail request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var token = await db.UseAsync(request.Token, TokenPurpose.ConfirmEmail, now, cancellationToken);
        if (token is null)
        {
            return Result.Failure(AccountsErrors.TokenInvalid, nameof(request.Token));
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        var first = !user.IsConfirmed;
        user.Confirm(now);
        if (first)
        {
            db.Publish(new UserConfirmed(Guid.NewGuid(), now, user.Id));
        }

        var saved = await db.SaveOrConflictAsync(cancellationToken);
        if (saved.IsFailure)
        {
            return Result.Failure(AccountsErrors.TokenInvalid, nameof(request.Token));
        }

        logger.LogInformation("User {UserId} confirmed their email", user.Id);
        return Result.Success();
    }
}
