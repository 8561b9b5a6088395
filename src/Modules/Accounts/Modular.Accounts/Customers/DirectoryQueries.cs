using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Accounts.Customers;

internal static class ContractProjection
{
    public static IQueryable<ContractSummary> Summaries(this AccountsDbContext db, IQueryable<Contract> contracts) =>
        from k in contracts
        join c in db.Customers on k.CustomerId equals c.Id
        select new ContractSummary(k.Id, k.ContractNumber, c.Id, c.ClientCode, c.Name, c.LegalType, k.ServiceAddress, k.Services,
            k.StartDate, k.EndDate);
}

/// <summary>Keyset paging by id for streaming runs, within the caller's scope (the system and staff see every contract).</summary>
internal sealed class ListContractsHandler(AccountsDbContext db, IAccessScope access) : IRequestHandler<ListContracts, Result<IReadOnlyList<ContractSummary>>>
{
    public const int MaxPageSize = 10_000;

    public async Task<Result<IReadOnlyList<ContractSummary>>> Handle(ListContracts request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (request.PageSize is < 1 or > MaxPageSize)
        {
            return Result<IReadOnlyList<ContractSummary>>.Failure(Error.Of(CoreErrors.Invalid, nameof(request.PageSize),
                ("field", nameof(request.PageSize)), ("value", request.PageSize)));
        }

        var contracts = db.Contracts.AsNoTracking();
        if (!scope.All)
        {
            var visible = scope.ContractIds.ToList();
            contracts = contracts.Where(k => visible.Contains(k.Id));
        }

        if (request.AfterContractId is { } after)
        {
            contracts = contracts.Where(k => k.Id.CompareTo(after) > 0);
        }

        var page = await db.Summaries(contracts.OrderBy(k => k.Id).Take(request.PageSize)).ToListAsync(cancellationToken);
        return page.OrderBy(p => p.ContractId, DatabaseGuidOrder.For(db)).ToList();
    }
}

/// <summary>The database's order of ids (SQLite compares the stored text, PostgreSQL the uuid bytes); joins may lose the SQL order.</summary>
internal static class DatabaseGuidOrder
{
    public static IComparer<Guid> For(AccountsDbContext db) => db.IsSqlite
        ? Comparer<Guid>.Create((a, b) => string.CompareOrdinal(a.ToString().ToUpperInvariant(), b.ToString().ToUpperInvariant()))
        : Comparer<Guid>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
}

internal sealed class GetContractHandler(AccountsDbContext db, IAccessScope access) : IRequestHandler<GetContract, Result<ContractSummary>>
{
    public async Task<Result<ContractSummary>> Handle(GetContract request, CancellationToken cancellationToken)
    {
        // A contract the caller may not see answers exactly like one that does not exist.
        if (!(await access.GetAsync(cancellationToken)).CanSeeContract(request.ContractId))
        {
            return Result<ContractSummary>.Failure(CoreErrors.NotFound);
        }

        var found = await db.Summaries(db.Contracts.AsNoTracking().Where(k => k.Id == request.ContractId)).SingleOrDefaultAsync(cancellationToken);
        return found is null ? Result<ContractSummary>.Failure(CoreErrors.NotFound) : found;
    }
}

internal sealed class GetMyContractsHandler(AccountsDbContext db, IAccessScope access) : IRequestHandler<GetMyContracts, Result<IReadOnlyList<ContractSummary>>>
{
    public async Task<Result<IReadOnlyList<ContractSummary>>> Handle(GetMyContracts request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var contracts = db.Contracts.AsNoTracking();
        if (!scope.All)
        {
            var ids = scope.ContractIds.ToList();
            contracts = contracts.Where(k => ids.Contains(k.Id));
        }

        var list = await db.Summaries(contracts).ToListAsync(cancellationToken);
        return list.OrderBy(c => c.ClientCode, StringComparer.Ordinal).ThenBy(c => c.ContractNumber, StringComparer.Ordinal).ToList();
    }
}

internal sealed class FindCustomerByClientCodeHandler(AccountsDbContext db, IAccessScope access)
    : IRequestHandler<FindCustomerByClientCode, Result<CustomerSummary>>
{
    public async Task<Result<CustomerSummary>> Handle(FindCustomerByClientCode request, CancellationToken cancellationToken)
    {
        var code = (request.ClientCode ?? string.Empty).Trim();
        var found = await db.Customers.AsNoTracking().Where(c => c.ClientCode == code)
            .Select(c => new CustomerSummary(c.Id, c.ClientCode, c.Name, c.LegalType)).SingleOrDefaultAsync(cancellationToken);
        return found is null || !(await access.GetAsync(cancellationToken)).CanSeeCustomer(found.CustomerId)
            ? Result<CustomerSummary>.Failure(CoreErrors.NotFound)
            : found;
    }
}

/// <summary>
/// Confirmed users linked to the customer who opted in to the invoice by email. System callers only: a portal user must
/// not learn the addresses of the customer's other representatives.
/// </summary>
internal sealed class GetInvoiceEmailRecipientsHandler(AccountsDbContext db, IAccessScope access)
    : IRequestHandler<GetInvoiceEmailRecipients, Result<IReadOnlyList<InvoiceEmailRecipient>>>
{
    public async Task<Result<IReadOnlyList<InvoiceEmailRecipient>>> Handle(GetInvoiceEmailRecipients request, CancellationToken cancellationToken)
    {
        // Only a caller that sees every customer (the system) learns the addresses of a customer's representatives.
        if (!(await access.GetAsync(cancellationToken)).All)
        {
            return Result.Success<IReadOnlyList<InvoiceEmailRecipient>>([]);
        }

        var recipients = await (from l in db.UserCustomers
                                join u in db.Users on l.UserId equals u.Id
                                where l.CustomerId == request.CustomerId && u.InvoiceByEmail && u.EmailConfirmedAt != null
                                select new InvoiceEmailRecipient(u.Id, u.Email, u.Culture)).ToListAsync(cancellationToken);
        return recipients.OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
    }
}

/// <summary>Confirmed users linked to the customer, opted in or not. System callers only, as above.</summary>
internal sealed class GetCustomerContactsHandler(AccountsDbContext db, IAccessScope access)
    : IRequestHandler<GetCustomerContacts, Result<IReadOnlyList<CustomerContact>>>
{
    public async Task<Result<IReadOnlyList<CustomerContact>>> Handle(GetCustomerContacts request, CancellationToken cancellationToken)
    {
        if (!(await access.GetAsync(cancellationToken)).All)
        {
            return Result.Success<IReadOnlyList<CustomerContact>>([]);
        }

        var contacts = await (from l in db.UserCustomers
                              join u in db.Users on l.UserId equals u.Id
                              where l.CustomerId == request.CustomerId && u.EmailConfirmedAt != null
                              select new CustomerContact(u.Id, u.Email, u.Culture)).ToListAsync(cancellationToken);
        return contacts.DistinctBy(c => c.UserId).OrderBy(c => c.Email, StringComparer.Ordinal).ToList();
    }
}

/// <summary>Contracts by number for imports naming them (acts); a batch of at most 1,000 numbers, within the caller's scope.</summary>
internal sealed class FindContractsByNumberHandler(AccountsDbContext db, IAccessScope access)
    : IRequestHandler<FindContractsByNumber, Result<IReadOnlyList<ContractSummary>>>
{
    public const int MaxNumbers = 1_000;

    public async Task<Result<IReadOnlyList<ContractSummary>>> Handle(FindContractsByNumber request, CancellationToken cancellationToken)
    {
        var numbers = (request.ContractNumbers ?? []).Select(n => (n ?? string.Empty).Trim()).Where(n => n.Length > 0).Distinct().ToList();
        if (numbers.Count > MaxNumbers)
        {
            return Result<IReadOnlyList<ContractSummary>>.Failure(Error.Of(CoreErrors.Invalid, nameof(request.ContractNumbers),
                ("field", nameof(request.ContractNumbers)), ("value", numbers.Count)));
        }

        var scope = await access.GetAsync(cancellationToken);
        var found = await db.Summaries(db.Contracts.AsNoTracking().Where(k => numbers.Contains(k.ContractNumber))).ToListAsync(cancellationToken);
        return found.Where(c => scope.CanSeeContract(c.ContractId)).OrderBy(c => c.ContractNumber, StringComparer.Ordinal).ToList();
    }
}

/// <summary>Confirmed users by id with their customers. System callers only, as above.</summary>
internal sealed class GetPortalUsersHandler(AccountsDbContext db, IAccessScope access)
    : IRequestHandler<GetPortalUsers, Result<IReadOnlyList<PortalUserContact>>>
{
    public const int MaxUsers = 1_000;

    public async Task<Result<IReadOnlyList<PortalUserContact>>> Handle(GetPortalUsers request, CancellationToken cancellationToken)
    {
        var ids = (request.UserIds ?? []).Distinct().ToList();
        if (ids.Count > MaxUsers)
        {
            return Result<IReadOnlyList<PortalUserContact>>.Failure(Error.Of(CoreErrors.Invalid, nameof(request.UserIds),
                ("field", nameof(request.UserIds)), ("value", ids.Count)));
        }

        if (!(await access.GetAsync(cancellationToken)).All || ids.Count == 0)
        {
            return Result.Success<IReadOnlyList<PortalUserContact>>([]);
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.EmailConfirmedAt != null)
            .Select(u => new { u.Id, u.Email, u.Culture }).ToListAsync(cancellationToken);
        var links = await db.UserCustomers.AsNoTracking().Where(l => ids.Contains(l.UserId))
            .Select(l => new { l.UserId, l.CustomerId }).ToListAsync(cancellationToken);
        return users.OrderBy(u => u.Email, StringComparer.Ordinal)
            .Select(u => new PortalUserContact(u.Id, u.Email, u.Culture, links.Where(l => l.UserId == u.Id).Select(l => l.CustomerId).Order().ToList()))
            .ToList();
    }
}

/// <summary>Confirmed users of many customers (fan-outs), one row per link. System callers only, as above.</summary>
internal sealed class GetContactsOfCustomersHandler(AccountsDbContext db, IAccessScope access)
    : IRequestHandler<GetContactsOfCustomers, Result<IReadOnlyList<CustomerContactOf>>>
{
    public const int MaxCustomers = 10_000;

    public async Task<Result<IReadOnlyList<CustomerContactOf>>> Handle(GetContactsOfCustomers request, CancellationToken cancellationToken)
    {
        var ids = (request.CustomerIds ?? []).Distinct().ToList();
        if (ids.Count > MaxCustomers)
        {
            return Result<IReadOnlyList<CustomerContactOf>>.Failure(Error.Of(CoreErrors.Invalid, nameof(request.CustomerIds),
                ("field", nameof(request.CustomerIds)), ("value", ids.Count)));
        }

        if (!(await access.GetAsync(cancellationToken)).All || ids.Count == 0)
        {
            return Result.Success<IReadOnlyList<CustomerContactOf>>([]);
        }

        var contacts = await (from l in db.UserCustomers
                              join u in db.Users on l.UserId equals u.Id
                              where ids.Contains(l.CustomerId) && u.EmailConfirmedAt != null
                              select new CustomerContactOf(l.CustomerId, u.Id, u.Email, u.Culture)).ToListAsync(cancellationToken);
        return contacts.DistinctBy(c => (c.CustomerId, c.UserId)).ToList();
    }
}
