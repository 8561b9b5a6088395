using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Email;
using Modular.Core.Links;
using Modular.Core.Outbox;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Accounts.Notifications;

/// <summary>Issues the token (if the email carries a link) and sends the account email in the user's language.</summary>
internal sealed class AccountEmailConsumer(AccountsDbContext db, UtilityClock clock, EmailComposer email, IOptions<AccountsOptions> options,
    IPublicLinks links)
    : InboxEventHandler<AccountEmailRequested, AccountsDbContext>(db, clock.Clock)
{
    protected override string ConsumerName => "accounts.account-email";

    protected override bool HasOutsideEffects => true;

    protected override async Task HandleCoreAsync(AccountEmailRequested request, CancellationToken cancellationToken)
    {
        var user = await Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return;
        }

        var settings = options.Value;
        var (template, to, link) = request.Kind switch
        {
            AccountEmail.ConfirmEmail => ("confirm-email", user.Email,
                await LinkAsync(user.Id, TokenPurpose.ConfirmEmail, AccountLinks.ConfirmEmail, null, cancellationToken)),
            AccountEmail.AlreadyRegistered => ("already-registered", user.Email,
                await LinkAsync(user.Id, TokenPurpose.ResetPassword, AccountLinks.ResetPassword, null, cancellationToken)),
            AccountEmail.PasswordReset => ("password-reset", user.Email,
                await LinkAsync(user.Id, TokenPurpose.ResetPassword, AccountLinks.ResetPassword, null, cancellationToken)),
            AccountEmail.ConfirmEmailChange => ("confirm-email-change", request.Address!,
                await LinkAsync(user.Id, TokenPurpose.ChangeEmail, AccountLinks.ConfirmEmailChange, request.Address, cancellationToken)),
            AccountEmail.EmailChanged => ("email-changed", request.Address!, null),
            AccountEmail.PasswordChanged => ("password-changed", user.Email, null),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown account email."),
        };

        var model = new
        {
            link,
            email = user.Email,
            newEmail = request.Kind == AccountEmail.EmailChanged ? user.Email : request.Address,
            hours = settings.TokenLifetimeHours,
            // The base of links the templates write themselves (e.g. the forgotten-password page).
            portal = request.Kind == AccountEmail.PasswordChanged ? links.BaseOf(PublicSurface.Portal) : links.TryBaseOf(PublicSurface.Portal),
            clientCodeShared = request.Note == Notes.ClientCodeShared,
            resent = request.Note == Notes.Resent,
        };
        await email.SendAsync("Accounts", template, to, model, user.Culture, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A new single-use token for the purpose; earlier unused ones are superseded so only the latest link works, and the
    /// user's expired tokens are deleted so the table does not grow without bound.
    /// </summary>
    private async Task<string> LinkAsync(Guid userId, TokenPurpose purpose, string route, string? newEmail, CancellationToken cancellationToken)
    {
        // Checked before the token is written: an unknown portal address fails the delivery (retried later) with nothing stored.
        _ = links.BaseOf(PublicSurface.Portal);
        var now = clock.Now;
        await Db.UserTokens.Where(t => t.UserId == userId && t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        await Db.UserTokens
            .Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        var token = Tokens.NewToken();
        Db.UserTokens.Add(new UserToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Purpose = purpose,
            Hash = Tokens.HashOf(token),
            CreatedAt = now,
            ExpiresAt = now + Duration.FromHours(options.Value.TokenLifetimeHours),
            NewEmail = newEmail,
        });
        return links.To(route, ("token", token));
    }
}

internal static class Notes
{
    public const string ClientCodeShared = "client-code-shared";
    public const string Resent = "resent";
}
