using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;

namespace Modular.Billing.Invoices;

internal sealed class GetInvoicesByIdsHandler(BillingDbContext db, IAccessScope access)
    : IRequestHandler<GetInvoicesByIds, Result<IReadOnlyList<InvoiceSummary>>>
{
    public async Task<Result<IReadOnlyList<InvoiceSummary>>> Handle(GetInvoicesByIds request, CancellationToken cancellationToken)
    {
        var ids = request.InvoiceIds.Distinct().ToList();
        var invoices = await (await db.VisibleAsync(access, cancellationToken)).Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var byId = invoices.ToDictionary(i => i.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id].ToSummary()).ToList();
    }
}

internal sealed class GetOpenInvoicesHandler(BillingDbContext db, IAccessScope access)
    : IRequestHandler<GetOpenInvoices, Result<IReadOnlyList<InvoiceSummary>>>
{
    public async Task<Result<IReadOnlyList<InvoiceSummary>>> Handle(GetOpenInvoices request, CancellationToken cancellationToken)
    {
        var customers = request.CustomerIds.Distinct().ToList();
        var invoices = await (await db.VisibleAsync(access, cancellationToken)).Open()
            .Where(i => customers.Contains(i.CustomerId))
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .ToListAsync(cancellationToken);
        return invoices.Select(i => i.ToSummary()).ToList();
    }
}

internal sealed class FindInvoiceByNumberHandler(BillingDbContext db, IAccessScope access)
    : IRequestHandler<FindInvoiceByNumber, Result<InvoiceSummary>>
{
    public async Task<Result<InvoiceSummary>> Handle(FindInvoiceByNumber request, CancellationToken cancellationToken)
    {
        var number = string.Join(' ', (request.Number ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        var invoice = await (await db.VisibleAsync(access, cancellationToken)).SingleOrDefaultAsync(i => i.Number == number, cancellationToken);
        return invoice is null ? Result<InvoiceSummary>.Failure(BillingErrors.InvoiceNotFound, nameof(request.Number)) : invoice.ToSummary();
    }
}

internal sealed class GetBalanceHandler(BillingDbContext db, IAccessScope access) : IRequestHandler<GetBalance, Result<Balance>>
{
    public async Task<Result<Balance>> Handle(GetBalance request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (!scope.CanSeeCustomer(request.CustomerId))
        {
            return Result<Balance>.Failure(CoreErrors.Forbidden);
        }

        var open = await db.Invoices.AsNoTracking().Open().Where(i => i.CustomerId == request.CustomerId)
            .Select(i => new { i.CustomerId, i.Currency, i.Total, i.Credited, i.Paid }).ToListAsync(cancellationToken);
        var credits = await db.Payments.AsNoTracking().Where(p => p.CustomerId == request.CustomerId)
            .Select(p => new BalanceCalculator.OpenAmount(p.CustomerId, p.Currency, p.Unallocated)).ToListAsync(cancellationToken);
        return BalanceCalculator.Of(request.CustomerId,
            open.Select(i => new BalanceCalculator.OpenAmount(i.CustomerId, i.Currency, i.Total - i.Credited - i.Paid)), credits);
    }
}

internal sealed class GetContractBalanceHandler(BillingDbContext db, IAccessScope access) : IRequestHandler<GetContractBalance, Result<ContractBalance>>
{
    public async Task<Result<ContractBalance>> Handle(GetContractBalance request, CancellationToken cancellationToken)
    {
        var open = await (await db.VisibleAsync(access, cancellationToken)).Open().Where(i => i.ContractId == request.ContractId)
            .Select(i => new { i.Currency, i.Total, i.Credited, i.Paid, i.Status }).ToListAsync(cancellationToken);
        var currencies = open.Select(o => o.Currency).Distinct().ToList();
        if (currencies.Count > 1)
        {
            return Result<ContractBalance>.Failure(CoreErrors.CurrencyMismatch);
        }

        var currency = currencies.Count == 1 ? currencies[0] : Currency.Ron;
        return new ContractBalance(request.ContractId, new Money(open.Sum(o => o.Total - o.Credited - o.Paid), currency),
            new Money(open.Where(o => o.Status == InvoiceStatus.Overdue).Sum(o => o.Total - o.Credited - o.Paid), currency));
    }
}
