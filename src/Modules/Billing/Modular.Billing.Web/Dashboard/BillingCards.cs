using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Web.Hooks;

namespace Modular.Billing.Web.Dashboard;

/// <summary>A customer's balance on the dashboard.</summary>
public sealed record CustomerBalance(string ClientCode, string Name, Balance Balance);

/// <summary>Dashboard card: what each of the caller's customers owes (and any credit), with a way to pay.</summary>
public sealed class BalanceCard(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var contracts = await queries.SendAsync(new GetMyContracts(), ct);
        var customers = (contracts.IsSuccess ? contracts.Value : []).GroupBy(c => c.CustomerId).Select(g => g.First()).ToList();
        var found = customers.Count == 0 ? null : await queries.SendAsync(new GetBalances(customers.Select(c => c.CustomerId).ToList()), ct);
        var byCustomer = found is { IsSuccess: true } ? found.Value.ToDictionary(b => b.CustomerId) : [];
        var balances = customers.Where(c => byCustomer.ContainsKey(c.CustomerId))
            .Select(c => new CustomerBalance(c.ClientCode, c.CustomerName, byCustomer[c.CustomerId])).ToList();
        return View(balances);
    }
}

/// <summary>Dashboard card: the latest invoice, its total, due date and status.</summary>
public sealed class LatestInvoice(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var overview = await queries.SendAsync(new GetInvoiceOverview(), HttpContext.RequestAborted);
        return View(overview.IsSuccess ? overview.Value.Latest : null);
    }
}

/// <summary>Dashboard alert when invoices are overdue.</summary>
public sealed class OverdueAlert(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var overview = await queries.SendAsync(new GetInvoiceOverview(), HttpContext.RequestAborted);
        var overdue = overview.IsSuccess ? overview.Value.Overdue : 0;
        return overdue > 0 ? View(overdue) : Content(string.Empty);
    }
}
