using MediatR;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Readings.Contracts;

namespace Modular.Web.Pages;

/// <summary>The dashboard: balance, latest invoice with its due date, the reading window, alerts.</summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    public IReadOnlyList<(CustomerBalanceRow Customer, Balance Balance)> Balances { get; private set; } = [];

    public InvoiceSummary? LatestInvoice { get; private set; }

    public int OverdueCount { get; private set; }

    public ReadingWindowState? Window { get; private set; }

    public bool HasContracts { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var contracts = await mediator.Send(new GetMyContracts(), ct);
        var mine = contracts.IsSuccess ? contracts.Value : [];
        HasContracts = mine.Count > 0;
        var balances = new List<(CustomerBalanceRow, Balance)>();
        foreach (var customer in mine.GroupBy(c => c.CustomerId).Select(g => g.First()))
        {
            var balance = await mediator.Send(new GetBalance(customer.CustomerId), ct);
            if (balance.IsSuccess)
            {
                balances.Add((new CustomerBalanceRow(customer.ClientCode, customer.CustomerName), balance.Value));
            }
        }

        Balances = balances;
        var invoices = await mediator.Send(new GetInvoices(), ct);
        if (invoices.IsSuccess)
        {
            LatestInvoice = invoices.Value.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Period).FirstOrDefault();
            OverdueCount = invoices.Value.Count(i => i.Status == InvoiceStatus.Overdue);
        }

        var meters = await mediator.Send(new GetMyMeters(), ct);
        if (meters.IsSuccess)
        {
            Window = meters.Value.Where(m => m.RemovedOn is null && m.SelfReadAllowed).Select(m => m.Window).FirstOrDefault();
        }
    }
}

public sealed record CustomerBalanceRow(string ClientCode, string Name);
