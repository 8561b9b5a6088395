using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using NodaTime;

namespace Modular.Billing.Invoices;

/// <summary>The invoices the caller may see: the system sees all; a portal user their customers' and contracts'.</summary>
internal static class InvoiceAccess
{
    public static async Task<IQueryable<Invoice>> VisibleAsync(this BillingDbContext db, IAccessScope access, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var invoices = db.Invoices.AsNoTracking();
        if (scope.All)
        {
            return invoices;
        }

        var customers = scope.CustomerIds.ToList();
        var contracts = scope.ContractIds.ToList();
        return invoices.Where(i => customers.Contains(i.CustomerId) || contracts.Contains(i.ContractId));
    }

    /// <summary>History starts at the configured "visible since" date.</summary>
    public static IQueryable<Invoice> SinceVisible(this IQueryable<Invoice> invoices, BillingOptions options)
    {
        if (options.VisibleSince is not { } since)
        {
            return invoices;
        }

        var first = new YearMonth(since.Year, since.Month);
        return invoices.Where(i => i.Period >= first);
    }

    public static IQueryable<Invoice> Open(this IQueryable<Invoice> invoices) =>
        invoices.Where(i => i.Status == Contracts.InvoiceStatus.Issued || i.Status == Contracts.InvoiceStatus.PartiallyPaid
            || i.Status == Contracts.InvoiceStatus.Overdue);
}
