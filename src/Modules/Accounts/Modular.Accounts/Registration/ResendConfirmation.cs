using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Notifications;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Registration;

internal sealed class ResendConfirmationValidator : AbstractValidator<ResendConfirmation>
{
    public ResendConfirmationValidator() => RuleFor(r => r.Email).ValidEmail();
}

/// <summary>A new link for an unconfirmed user (the earlier one stops working); the same success for any other address.</summary>
internal sealed class ResendConfirmationHandler(AccountsDbContext db, UtilityClock clock) : IRequestHandler<ResendConfirmation, Result>
{
    public async Task<Result> Handle(ResendConfirmation request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.Email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is { IsConfirmed: false })
        {
            db.Publish(new AccountEmailRequested(Guid.NewGuid(), clock.Now, user.Id, AccountEmail.ConfirmEmail, Note: Notes.Resent));
        }

        return Result.Success();
    }
}
