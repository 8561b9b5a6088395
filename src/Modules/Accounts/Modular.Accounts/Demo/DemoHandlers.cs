using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Import;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Demo;

[OwnTransactions]
internal sealed class SeedDemoCustomersHandler(CustomerUpserter upserter, ICurrentUser caller) : IRequestHandler<SeedDemoCustomers, Result<ImportReport>>
{
    public async Task<Result<ImportReport>> Handle(SeedDemoCustomers request, CancellationToken cancellationToken)
    {
        if (request.Count is < 0 or > 1_000_000)
        {
            return Result<ImportReport>.Failure(Error.Of(CoreErrors.Invalid, nameof(request.Count), ("field", nameof(request.Count)), ("value", request.Count)));
        }

        var rows = DemoCustomers.Generate(request.Seed, request.Count).Select((r, i) => new ParsedRow(i + 1, r.ClientCode, r, null));
        return await upserter.UpsertAsync(rows.ToAsyncEnumerable(), caller.Culture, cancellationToken);
    }
}

/// <summary>
/// A confirmed user with a known password, linked to the client code, when no user has the address yet. An existing user
/// is never changed: its password, links and terms stay as they are.
/// </summary>
internal sealed class EnsureDemoUserHandler(AccountsDbContext db, PasswordHasher hasher, UtilityClock clock, IOptions<AccountsOptions> options)
    : IRequestHandler<EnsureDemoUser, Result<Guid>>
{
    public async Task<Result<Guid>> Handle(EnsureDemoUser request, CancellationToken cancellationToken)
    {
        if (!ValidationRules.IsEmail(request.Email))
        {
            return Result<Guid>.Failure(AccountsErrors.EmailInvalid, nameof(request.Email));
        }

        var code = request.ClientCode.Trim();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.ClientCode == code, cancellationToken);
        if (customer is null)
        {
            return Result<Guid>.Failure(AccountsErrors.ClientCodeOrProofInvalid, nameof(request.ClientCode));
        }

        var now = clock.Now;
        var normalized = User.Normalize(request.Email);
        var existing = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var user = new User { Id = Guid.NewGuid(), Email = request.Email.Trim(), NormalizedEmail = normalized, CreatedAt = now, Culture = "ro" };
        db.Users.Add(user);
        user.ChangePassword(await hasher.HashAsync(request.Password, cancellationToken));
        user.Confirm(now);
        user.AcceptTerms(options.Value.TermsVersion, now);
        db.UserCustomers.Add(new UserCustomer { UserId = user.Id, CustomerId = customer.Id, LinkedAt = now });

        return await db.SaveOrConflictAsync(user.Id, new Error(CoreErrors.Conflict), DbConflict.Taken, cancellationToken);
    }
}
