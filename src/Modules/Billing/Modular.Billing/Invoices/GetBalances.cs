using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;

namespace Modular.Billing.Invoices;

internal sealed class GetBalancesValidator : AbstractValidator<GetBalances>
{
    public GetBalancesValidator()
    {
        RuleFor(r => r.CustomerIds).NotNull().WithErrorCode(CoreErrors.Required)
            .Must(ids => ids is null || ids.Count <= GetBalances.MaxCustomers).WithErrorCode(CoreErrors.Invalid);
    }
}

/// <summary>
/// The balances of several customers in two queries, whatever their number (the dashboard and the API list a user's
/// customers; one query per customer made a user with 25 customers seven times slower than a user with one).
/// </summary>
internal sealed class GetBalancesHandler(BillingDbContext db, IAccessScope access) : IRequestHandler<GetBalances, Result<IReadOnlyList<Balance>>>
{
    public async Task<Result<IReadOnlyList<Balance>>> Handle(GetBalances request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        // Customers the caller may not see are left out, as GetBalance refuses them one by one.
        var customers = request.CustomerIds.Distinct().Where(scope.CanSeeCustomer).ToList();

        var open = await db.Invoices.AsNoTracking().Open().Where(i => customers.Contains(i.CustomerId))
            .Select(i => new { i.CustomerId, i.Currency, i.Total, i.Credited, i.Paid }).ToListAsync(cancellationToken);
        var credits = await db.Payments.AsNoTracking().Where(p => customers.Contains(p.CustomerId))
            .Select(p => new BalanceCalculator.OpenAmount(p.CustomerId, p.Currency, p.Unallocated)).ToListAsync(cancellationToken);
        var openBy = open.Select(i => new BalanceCalculator.OpenAmount(i.CustomerId, i.Currency, i.Total - i.Credited - i.Paid)).ToLookup(o => o.CustomerId);
        var creditBy = credits.ToLookup(c => c.CustomerId);
        return customers.Select(c => BalanceCalculator.Of(c, openBy[c], creditBy[c]))
            .Where(b => b.IsSuccess).Select(b => b.Value).ToList();
    }
}

/// <summary>Open invoices minus unallocated credit, in the one currency they share.</summary>
internal static class BalanceCalculator
{
    public sealed record OpenAmount(Guid CustomerId, Currency Currency, decimal Amount);

    // Amounts are summed in memory: SQLite stores decimals as text and cannot sum them exactly.
    public static Result<Balance> Of(Guid customerId, IEnumerable<OpenAmount> open, IEnumerable<OpenAmount> credits)
    {
        var invoices = open.ToList();
        var credit = credits.Where(c => c.Amount != 0m).ToList();
        var currencies = invoices.Select(o => o.Currency).Concat(credit.Select(c => c.Currency)).Distinct().ToList();
        if (currencies.Count > 1)
        {
            return Result<Balance>.Failure(CoreErrors.CurrencyMismatch);
        }

        var currency = currencies.Count == 1 ? currencies[0] : Currency.Ron;
        var openAmount = new Money(invoices.Sum(o => o.Amount), currency);
        var creditAmount = new Money(credit.Sum(c => c.Amount), currency);
        return new Balance(customerId, openAmount, creditAmount, openAmount - creditAmount);
    }
}
