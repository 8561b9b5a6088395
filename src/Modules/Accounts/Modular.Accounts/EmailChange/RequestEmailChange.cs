using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Notifications;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.EmailChange;

internal sealed class RequestEmailChangeValidator : AbstractValidator<RequestEmailChange>
{
    public RequestEmailChangeValidator() => RuleFor(r => r.NewEmail).ValidEmail();
}

/// <summary>
/// Sends a confirmation link to the new address. Whether another account uses that address is only checked when the link
/// is used, so the request does not reveal other accounts.
/// </summary>
internal sealed class RequestEmailChangeHandler(
    AccountsDbContext db, ICurrentUser caller, Reauthentication reauthentication, UtilityClock clock, ILogger<RequestEmailChangeHandler> logger)
    : IRequestHandler<RequestEmailChange, Result>
{
    public async Task<Result> Handle(RequestEmailChange request, CancellationToken cancellationToken)
    {
        var verified = await reauthentication.VerifyAsync(caller, request.Password, nameof(request.Password), "Email change", cancellationToken);
        if (verified.IsFailure)
        {
            return verified;
        }

        var user = verified.Value;

        if (User.Normalize(request.NewEmail) == user.NormalizedEmail)
        {
            return Result.Failure(AccountsErrors.EmailUnchanged, nameof(request.NewEmail));
        }

        db.Publish(new AccountEmailRequested(Guid.NewGuid(), clock.Now, user.Id, AccountEmail.ConfirmEmailChange, request.NewEmail.Trim()));
        logger.LogInformation("User {UserId} asked to change their email", user.Id);
        return Result.Success();
    }
}
