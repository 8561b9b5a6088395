using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Accounts.Customers;

/// <summary>Buyer data for invoices: the system gets any customer, a portal user only their own (personal codes are in it).</summary>
internal sealed class GetCustomerPartiesHandler(AccountsDbContext db, IAccessScope access)
    : IRequestHandler<GetCustomerParties, Result<IReadOnlyList<CustomerParty>>>
{
    public async Task<Result<IReadOnlyList<CustomerParty>>> Handle(GetCustomerParties request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var ids = request.CustomerIds.Distinct().Where(scope.CanSeeCustomer).ToList();
        if (ids.Count == 0)
        {
            return Array.Empty<CustomerParty>();
        }

        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return customers
            .Select(c => new CustomerParty(c.Id, c.ClientCode, c.Name, c.LegalType, c.TaxId, c.RegistrationNumber, c.PersonalCode, c.Email,
                c.ToAddress()))
            .OrderBy(c => c.ClientCode, StringComparer.Ordinal)
            .ToList();
    }
}
