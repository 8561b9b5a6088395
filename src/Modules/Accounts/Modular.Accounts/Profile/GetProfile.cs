using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Accounts.Profile;

internal sealed class GetProfileHandler(AccountsDbContext db, ICurrentUser caller, IOptions<AccountsOptions> options)
    : IRequestHandler<GetProfile, Result<UserProfile>>
{
    public async Task<Result<UserProfile>> Handle(GetProfile request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return Result<UserProfile>.From(current);
        }

        var user = current.Value;
        var customers = await (from l in db.UserCustomers
                               join c in db.Customers on l.CustomerId equals c.Id
                               where l.UserId == user.Id
                               orderby c.ClientCode
                               select new CustomerSummary(c.Id, c.ClientCode, c.Name, c.LegalType)).ToListAsync(cancellationToken);
        return new UserProfile(user.Id, user.Email, user.Phone, user.Culture, user.InvoiceByEmail, user.InvoiceConditionsVersion,
            user.InvoiceConditionsAcceptedAt, user.TermsVersion, user.TermsAcceptedAt, user.MustAcceptTerms(options.Value.TermsVersion), customers);
    }
}
