using Modular.Core.Composition;
using Modular.Requests.Contracts;
using Modular.Web.Hooks;

namespace Modular.Requests.Web;

/// <summary>The Requests pages of the customer portal, the requests API, and the back office's requests screens.</summary>
public sealed class RequestsWebModule : ModularWebModule
{
    protected override string ModuleName => "Requests";

    protected override void ConfigureWeb(WebContributions web)
    {
        // Inspection acts: under each contract, the API, the back office's acts screens and the customer page's section.
        web.AddToSlot<Acts.ContractActs>(Slots.ContractDetails, 20)
            .AddToSlot<Acts.StaffActs>(Slots.StaffCustomer, 40, WebSurface.Staff)
            .AddStaffMenuEntry("/staff/acts", "staff.nav.acts", 60, RequestsPermissions.ActsRead)
            .MapApi(Acts.ActsApi.Map);
    }
}

public static class RequestsWebModularBuilderExtensions
{
    /// <summary>Adds the Requests pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddRequests()</c>).</summary>
    public static ModularBuilder AddRequestsWeb(this ModularBuilder modular) => modular.AddModule(new RequestsWebModule());
}
