using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Profile;

internal sealed class LinkClientCodeValidator : AbstractValidator<LinkClientCode>
{
    public LinkClientCodeValidator(IOptions<AccountsOptions> options)
    {
        RuleFor(r => r.ClientCode).ClientCodeRules();
        this.ProofRules(options.Value, r => r.ContractNumber, r => r.InternalCode, r => r.Phone);
    }
}

/// <summary>Adds a client code with the same proof as at registration; adding one that is already linked changes nothing.</summary>
internal sealed class LinkClientCodeHandler(
    AccountsDbContext db, ICurrentUser caller, ProofChecker proof, UtilityClock clock, ILogger<LinkClientCodeHandler> logger)
    : IRequestHandler<LinkClientCode, Result>
{
    public async Task<Result> Handle(LinkClientCode request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        var user = current.Value;
        var proven = await proof.CheckAsync(request.ClientCode, request.ContractNumber, request.InternalCode, request.Phone, cancellationToken);
        if (proven.IsFailure)
        {
            logger.LogWarning("Linking a client code refused for user {UserId}: {Code}", user.Id, proven.Error.Code);
            return proven;
        }

        var customer = proven.Value;

        if (await db.UserCustomers.AnyAsync(l => l.UserId == user.Id && l.CustomerId == customer.Id, cancellationToken))
        {
            return Result.Success();
        }

        var now = clock.Now;
        db.UserCustomers.Add(new UserCustomer { UserId = user.Id, CustomerId = customer.Id, LinkedAt = now });
        db.Publish(new ClientCodeLinked(Guid.NewGuid(), now, user.Id, customer.Id));
        if ((await db.SaveOrConflictAsync(new Error(CoreErrors.Conflict), DbConflict.UniqueViolation, cancellationToken)).IsFailure)
        {
            // The same link added by a concurrent request: the outcome the caller wanted.
            return Result.Success();
        }

        logger.LogInformation("User {UserId} linked customer {CustomerId}", user.Id, customer.Id);
        return Result.Success();
    }
}

internal sealed class UnlinkClientCodeHandler(AccountsDbContext db, ICurrentUser caller, UtilityClock clock, ILogger<UnlinkClientCodeHandler> logger)
    : IRequestHandler<UnlinkClientCode, Result>
{
    public async Task<Result> Handle(UnlinkClientCode request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        var user = current.Value;
        var code = (request.ClientCode ?? string.Empty).Trim();
        var link = await (from l in db.UserCustomers
                          join c in db.Customers on l.CustomerId equals c.Id
                          where l.UserId == user.Id && c.ClientCode == code
                          select l).SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return Result.Failure(AccountsErrors.ClientCodeNotLinked, nameof(request.ClientCode));
        }

        db.UserCustomers.Remove(link);
        db.Publish(new ClientCodeUnlinked(Guid.NewGuid(), clock.Now, user.Id, link.CustomerId));
        var saved = await db.SaveOrConflictAsync(cancellationToken);
        if (saved.IsFailure)
        {
            // Removed concurrently: the link is gone either way, and that request published the event.
            return Result.Success();
        }

        logger.LogInformation("User {UserId} unlinked customer {CustomerId}", user.Id, link.CustomerId);
        return Result.Success();
    }
}
