using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Accounts.Sessions;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.PersonalData;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.PersonalData;

internal sealed class CloseAccountValidator : AbstractValidator<CloseAccount>
{
    public CloseAccountValidator()
    {
        RuleFor(r => r.Confirmed).Equal(true).WithErrorCode(AccountsErrors.CloseNotConfirmed);
        RuleFor(r => r.Password).NotEmpty().WithErrorCode(AccountsErrors.CurrentPasswordWrong);
    }
}

/// <summary>
/// Erases the user's personal data in Accounts in one transaction with its consequences: sessions ended (their
/// addresses and browsers forgotten), email links and bank or eID links deleted, links to customers removed, API tokens revoked, archives
/// deleted, the closure audited (by user id, which is all the audit holds of a user) and <see cref="UserAccountClosed"/>
/// published. The user row stays, anonymised, because invoices, payments and the audit name its id.
/// </summary>
internal sealed class CloseAccountHandler(
    AccountsDbContext db, ICurrentUser caller, Reauthentication reauthentication, SessionStore sessions, IEnumerable<IUserDataEraser> erasers,
    IAuditTrail audit, UtilityClock clock, ILogger<CloseAccountHandler> logger)
    : IRequestHandler<CloseAccount, Result>
{
    public const string AccountClosed = "security.account_closed";

    public async Task<Result> Handle(CloseAccount request, CancellationToken cancellationToken)
    {
        // Tracked, so the password check below sees this same row: a close committed by a parallel request is either in
        // it (already closed) or not (then this one loses on the user's version), never half (closed but the hash gone).
        if (await db.CurrentUserAsync(caller, cancellationToken) is { IsSuccess: true, Value.ClosedAt: not null })
        {
            // Closing twice (a repeated click, a second tab): already done, nothing to change.
            return Result.Success();
        }

        var verified = await reauthentication.VerifyAsync(caller, request.Password, nameof(request.Password), "Account closing", cancellationToken);
        if (verified.IsFailure)
        {
            audit.RecordAttempt(new AuditEvent(AccountClosed, verified.Error.Code, caller.UserId));
            return verified;
        }

        var user = verified.Value;
        var now = clock.Now;
        var links = await db.UserCustomers.Where(l => l.UserId == user.Id).ToListAsync(cancellationToken);
        var customerIds = links.Select(l => l.CustomerId).ToList();
        db.UserCustomers.RemoveRange(links);
        db.UserTokens.RemoveRange(await db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync(cancellationToken));
        // A bank or eID link names the person (subject, keyed hash of the identity number): it goes with the account.
        db.ExternalLogins.RemoveRange(await db.ExternalLogins.Where(e => e.UserId == user.Id).ToListAsync(cancellationToken));
        await sessions.EndAllAsync(SessionKind.Customer, user.Id, except: null, "account_closed", cancellationToken);
        user.Close(now);
        db.Publish(new UserAccountClosed(Guid.NewGuid(), now, user.Id, customerIds));
        audit.Record(new AuditEvent(AccountClosed, AuditOutcomes.Ok, user.Id));

        // The user's version token makes a concurrent close (or profile edit) lose here instead of writing twice.
        var saved = await db.SaveOrConflictAsync(cancellationToken);
        if (saved.IsFailure)
        {
            return saved;
        }

        // In the same transaction, now that it has begun: the sessions' addresses and browsers, then what Core and the
        // web shell hold about the user (archives, API tokens).
        await db.Sessions.Where(s => s.Kind == SessionKind.Customer && s.PrincipalId == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ClientAddress, (string?)null).SetProperty(s => s.UserAgent, (string?)null), cancellationToken);
        var notes = new List<string>();
        foreach (var eraser in erasers)
        {
            notes.Add(await eraser.EraseUserAsync(user.Id, cancellationToken));
        }

        logger.LogInformation("User {UserId} closed their account ({Customers} customer links removed; {Erased})",
            user.Id, customerIds.Count, string.Join("; ", notes));
        return Result.Success();
    }
}
