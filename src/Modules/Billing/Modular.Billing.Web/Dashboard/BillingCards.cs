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
        var balances = new List<CustomerBalance>();
        foreach (var customer in (contracts.IsSuccess ? contracts.Value : []).GroupBy(c => c.CustomerId).Select(g => g.First()))
        {
            var balance = await queries.SendAsync(new GetBalance(customer.CustomerId), ct);
            if (balance.IsSuccess)
            {
                balances.Add(new CustomerBalance(customer.ClientCode, customer.CustomerName, balance.Value));
            }
        }

        return View(balances);
    }
}

/// <summary>Dashboard card: the latest invoice, its total, due date and status.</summary>
public sealed class LatestInvoice(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var invoices = await queries.SendAsync(new GetInvoices(), HttpContext.RequestAborted);
        return View(invoices.IsSuccess ? invoices.Value.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Period).FirstOrDefault() : null);
    }
}

/// <summary>Dashboard alert when invoices are overdue.</summary>
public sealed class OverdueAlert(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var invoices = await queries.SendAsync(new GetInvoices(), HttpContext.RequestAborted);
        var overdue = invoices.IsSuccess ? invoices.Value.Count(i => i.Status == InvoiceStatus.Overdue) : 0;
        return overdue > 0 ? View(overdue) : Content(string.Empty);
    }
}
