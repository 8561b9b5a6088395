using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using Modular.Notifications.Sms;
using NodaTime;

namespace Modular.Notifications.Phones;

internal sealed class StartPhoneVerificationValidator : AbstractValidator<StartPhoneVerification>
{
    public StartPhoneVerificationValidator() => RuleFor(c => c.Phone).NotEmpty().WithErrorCode(NotificationsErrors.PhoneRequired);
}

/// <summary>
/// Sends a six-digit code to the number the user gives (at most one a minute); the number replaces the user's earlier one
/// and is unverified until <see cref="ConfirmPhone"/>. Only the code's SHA-256 is kept.
/// </summary>
internal sealed class StartPhoneVerificationHandler(NotificationsDbContext db, ICurrentUser user, ISmsGateway sms, ITextCatalog texts, UtilityClock clock,
    IOptions<NotificationsOptions> options) : IRequestHandler<StartPhoneVerification, Result>
{
    public async Task<Result> Handle(StartPhoneVerification request, CancellationToken cancellationToken)
    {
        if (user.UserId is not { } userId)
        {
            return Result.Failure(Error.Of(NotificationsErrors.UserRequired));
        }

        if (E164.Normalize(request.Phone, options.Value.PhoneRegion) is not { } number)
        {
            return Result.Failure(Error.Of(NotificationsErrors.PhoneInvalid, nameof(request.Phone)));
        }

        var now = clock.Now;
        var phone = await db.Phones.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (phone?.CodeSentAt is { } sent && now - sent < Duration.FromMinutes(1))
        {
            return Result.Failure(Error.Of(NotificationsErrors.CodeTooSoon, nameof(request.Phone)));
        }

        if (phone is null)
        {
            db.Phones.Add(phone = new UserPhone { UserId = userId });
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        if (phone.Number != number)
        {
            phone.Number = number;
            phone.VerifiedAt = null;
        }

        phone.CodeHash = Hash(code);
        phone.CodeExpiresAt = now + Duration.FromMinutes(options.Value.PhoneCodeMinutes);
        phone.CodeSentAt = now;
        phone.CodeAttempts = 0;
        phone.Version++;
        var saved = await db.SaveOrConflictAsync(Error.Of(NotificationsErrors.CodeTooSoon, nameof(request.Phone)), DbConflict.UniqueViolation | DbConflict.StaleVersion,
            cancellationToken);
        if (saved.IsFailure)
        {
            return saved;
        }

        await sms.SendAsync(new SmsRequest(number, texts.Get("notifications.sms.verification_code", user.Culture, new Dictionary<string, object?> { ["code"] = code })), cancellationToken);
        return Result.Success();
    }

    public static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
