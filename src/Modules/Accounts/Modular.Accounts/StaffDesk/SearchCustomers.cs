using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Accounts.StaffDesk;

internal sealed class SearchCustomersValidator : AbstractValidator<SearchCustomers>
{
    public SearchCustomersValidator()
    {
        RuleFor(s => s.Text).Must(t => t is not null && t.Trim().Length is >= 2 and <= 200).WithErrorCode(AccountsErrors.SearchTextRequired);
        RuleFor(s => s.Take).InclusiveBetween(1, 100).WithErrorCode(CoreErrors.Invalid);
    }
}

/// <summary>
/// The back office's look-up: client code and contract number match exactly (a typed or scanned code), then parts of the
/// name, an email (the customer's or a linked portal user's), a phone (digits only, national form) and an address.
/// Only customers the caller may see are answered (staff acting on behalf of a customer see that one).
/// </summary>
internal sealed class SearchCustomersHandler(AccountsDbContext db, IAccessScope access) : IRequestHandler<SearchCustomers, Result<IReadOnlyList<CustomerMatch>>>
{
    public async Task<Result<IReadOnlyList<CustomerMatch>>> Handle(SearchCustomers request, CancellationToken cancellationToken)
    {
        var text = request.Text.Trim();
        var lower = text.ToLowerInvariant();
        var found = new Dictionary<Guid, string>();

        void Add(IEnumerable<Guid> ids, string matchedOn)
        {
            foreach (var id in ids)
            {
                found.TryAdd(id, matchedOn);
            }
        }

        var customers = db.Customers.AsNoTracking();
        Add(await customers.Where(c => c.ClientCode == text).Select(c => c.Id).ToListAsync(cancellationToken), "client_code");
        Add(await db.Contracts.AsNoTracking().Where(k => k.ContractNumber == text).Select(k => k.CustomerId).ToListAsync(cancellationToken), "contract");
        Add(await customers.Where(c => c.Name.ToLower().Contains(lower)).OrderBy(c => c.Name).Select(c => c.Id).Take(request.Take).ToListAsync(cancellationToken), "name");
        if (text.Contains('@', StringComparison.Ordinal))
        {
            Add(await customers.Where(c => c.Email != null && c.Email.ToLower().Contains(lower)).Select(c => c.Id).Take(request.Take).ToListAsync(cancellationToken), "email");
            Add(await (from u in db.Users
                       join l in db.UserCustomers on u.Id equals l.UserId
                       where u.NormalizedEmail.Contains(lower)
                       select l.CustomerId).Take(request.Take).ToListAsync(cancellationToken), "email");
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 6 && digits.Length * 2 >= text.Length)
        {
            // Phones are stored in the national form (07xx…); a number typed with +40 or 0040 is found by its last nine digits.
            var tail = digits.Length > 9 ? digits[^9..] : digits;
            Add(await customers.Where(c => c.Phone != null && c.Phone.Contains(tail)).Select(c => c.Id).Take(request.Take).ToListAsync(cancellationToken), "phone");
        }

        Add(await db.Contracts.AsNoTracking().Where(k => k.ServiceAddress.ToLower().Contains(lower)).Select(k => k.CustomerId).Take(request.Take)
            .ToListAsync(cancellationToken), "address");
        Add(await customers.Where(c => (c.Street != null && c.Street.ToLower().Contains(lower)) || (c.City != null && c.City.ToLower().Contains(lower)))
            .Select(c => c.Id).Take(request.Take).ToListAsync(cancellationToken), "address");

        var scope = await access.GetAsync(cancellationToken);
        var ids = found.Keys.Where(scope.CanSeeCustomer).Take(request.Take).ToList();
        var rows = await customers.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.ClientCode, c.Name, c.LegalType, c.Email, c.Phone }).ToListAsync(cancellationToken);
        var order = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return rows.OrderBy(r => order[r.Id])
            .Select(r => new CustomerMatch(r.Id, r.ClientCode, r.Name, r.LegalType, r.Email, r.Phone, found[r.Id])).ToList();
    }
}
