using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.Invoices;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Billing.Overview;

/// <summary>Two small queries (the latest invoice, a count) however many customers and periods the caller has.</summary>
internal sealed class GetInvoiceOverviewHandler(BillingDbContext db, IAccessScope access, IOptions<BillingOptions> options)
    : IRequestHandler<GetInvoiceOverview, Result<InvoiceOverview>>
{
    public async Task<Result<InvoiceOverview>> Handle(GetInvoiceOverview request, CancellationToken cancellationToken)
    {
        var visible = (await db.VisibleAsync(access, cancellationToken)).SinceVisible(options.Value);
        var latest = await visible.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Period).ThenBy(i => i.Number)
            .FirstOrDefaultAsync(cancellationToken);
        var overdue = await visible.CountAsync(i => i.Status == InvoiceStatus.Overdue, cancellationToken);
        return new InvoiceOverview(latest?.ToSummary(), overdue);
    }
}
