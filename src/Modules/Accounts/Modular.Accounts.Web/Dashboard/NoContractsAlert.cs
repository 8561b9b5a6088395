using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Hooks;

namespace Modular.Accounts.Web.Dashboard;

/// <summary>Dashboard alert while no client code is linked to the account, pointing to the profile where one is added.</summary>
public sealed class NoContractsAlert(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var contracts = await queries.SendAsync(new GetMyContracts(), HttpContext.RequestAborted);
        return contracts.IsSuccess && contracts.Value.Count > 0 ? Content(string.Empty) : View();
    }
}
