using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Phones;

internal sealed class ConfirmPhoneValidator : AbstractValidator<ConfirmPhone>
{
    public ConfirmPhoneValidator() => RuleFor(c => c.Code).NotEmpty().WithErrorCode(NotificationsErrors.CodeRequired);
}

/// <summary>The code sent to the user's number makes it verified; wrong codes count, and after the limit a new code is needed.</summary>
internal sealed class ConfirmPhoneHandler(NotificationsDbContext db, ICurrentUser user, UtilityClock clock, IOptions<NotificationsOptions> options)
    : IRequestHandler<ConfirmPhone, Result>
{
    public async Task<Result> Handle(ConfirmPhone request, CancellationToken cancellationToken)
    {
        if (user.UserId is not { } userId)
        {
            return Result.Failure(Error.Of(NotificationsErrors.UserRequired));
        }

        var phone = await db.Phones.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (phone?.CodeHash is null || phone.CodeExpiresAt is null)
        {
            return Result.Failure(Error.Of(NotificationsErrors.CodeExpired, nameof(request.Code)));
        }

        if (phone.CodeAttempts >= options.Value.PhoneCodeAttempts)
        {
            return Result.Failure(Error.Of(NotificationsErrors.CodeTooManyAttempts, nameof(request.Code)));
        }

        if (clock.Now > phone.CodeExpiresAt)
        {
            return Result.Failure(Error.Of(NotificationsErrors.CodeExpired, nameof(request.Code)));
        }

        var given = Encoding.ASCII.GetBytes(StartPhoneVerificationHandler.Hash(request.Code.Trim()));
        var right = CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(phone.CodeHash));
        if (right)
        {
            phone.VerifiedAt = clock.Now;
            phone.CodeHash = null;
            phone.CodeExpiresAt = null;
        }
        else
        {
            phone.CodeAttempts++;
        }

        phone.Version++;
        var saved = await db.SaveOrConflictAsync(Error.Of(CoreErrors.Conflict, nameof(request.Code)), DbConflict.StaleVersion, cancellationToken);
        return saved.IsFailure ? saved : right ? Result.Success() : Result.Failure(Error.Of(NotificationsErrors.CodeWrong, nameof(request.Code)));
    }
}
