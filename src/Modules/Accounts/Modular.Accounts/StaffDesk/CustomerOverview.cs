using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Customers;
using Modular.Accounts.Persistence;
using Modular.Accounts.Sessions;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.StaffDesk;

/// <summary>The customer page of the back office: the customer, contracts, linked portal users and their active sessions.</summary>
internal sealed class GetCustomerOverviewHandler(AccountsDbContext db, IAccessScope access, SessionStore sessions, UtilityClock clock)
    : IRequestHandler<GetCustomerOverview, Result<CustomerOverview>>
{
    public async Task<Result<CustomerOverview>> Handle(GetCustomerOverview request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CustomerId, cancellationToken);
        if (customer is null || !(await access.GetAsync(cancellationToken)).CanSeeCustomer(customer.Id))
        {
            return Result<CustomerOverview>.Failure(CoreErrors.NotFound);
        }

        var contracts = await db.Summaries(db.Contracts.AsNoTracking().Where(k => k.CustomerId == customer.Id)).ToListAsync(cancellationToken);
        var users = await (from l in db.UserCustomers
                           join u in db.Users on l.UserId equals u.Id
                           where l.CustomerId == customer.Id
                           select new { u.Id, u.Email, u.EmailConfirmedAt, u.InvoiceByEmail, l.LinkedAt, u.LastLoginAt }).ToListAsync(cancellationToken);
        var userIds = users.Select(u => u.Id).ToList();
        var now = clock.Now;
        var idle = sessions.Idle(SessionKind.Customer);
        var active = (await db.Sessions.AsNoTracking()
                .Where(s => s.Kind == SessionKind.Customer && userIds.Contains(s.PrincipalId) && s.EndedAt == null && s.ExpiresAt > now)
                .ToListAsync(cancellationToken))
            .Where(s => now - s.LastSeenAt < idle)
            .ToLookup(s => s.PrincipalId);
        var linked = users.OrderBy(u => u.Email, StringComparer.Ordinal)
            .Select(u => new LinkedPortalUser(u.Id, u.Email, u.EmailConfirmedAt is not null, u.InvoiceByEmail, u.LinkedAt, u.LastLoginAt,
                active[u.Id].OrderByDescending(s => s.LastSeenAt)
                    .Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ClientAddress, s.UserAgent, false)).ToList()))
            .ToList();
        var party = new CustomerParty(customer.Id, customer.ClientCode, customer.Name, customer.LegalType, customer.TaxId, customer.RegistrationNumber,
            customer.PersonalCode, customer.Email, customer.ToAddress());
        return new CustomerOverview(party, customer.Phone,
            contracts.OrderBy(c => c.ContractNumber, StringComparer.Ordinal).ToList(), linked);
    }
}
