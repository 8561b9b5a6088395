using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Composition;
using Modular.Requests.Contracts;
using Modular.Requests.Web.Api;
using Modular.Requests.Web.Forms;
using Modular.Web.Hooks;

namespace Modular.Requests.Web;

/// <summary>
/// The Requests pages of the customer portal (new request, my requests, a request's thread), the requests API and its
/// <c>requests:submit</c> token scope, and the back office's requests inbox, request page, request on behalf and the
/// customer page's requests section.
/// </summary>
public sealed class RequestsWebModule : ModularWebModule
{
    /// <summary>The token scope that allows submitting requests and replying through the API.</summary>
    public const string SubmitRequestsScope = "requests:submit";

    protected override string ModuleName => "Requests";

    protected override void ConfigureWeb(WebContributions web)
    {
        web.AddMenuEntry("/Requests", "nav.requests", 55)
            .AddStaffMenuEntry("/staff/requests", "staff.nav.requests", 35, RequestsPermissions.Read)
            .AddToSlot<Staff.StaffRequests>(Slots.StaffCustomer, 40, WebSurface.Staff)
            .AddTokenScope(SubmitRequestsScope, "tokens.scope." + SubmitRequestsScope, 20)
            .MapApi(RequestsApi.Map);
        web.Services.AddTransient<SubjectChoicesLoader>();

        // Inspection acts: under each contract, the API, the back office's acts screens and the customer page's section.
        web.AddToSlot<Acts.ContractActs>(Slots.ContractDetails, 20)
            .AddToSlot<Acts.StaffActs>(Slots.StaffCustomer, 45, WebSurface.Staff)
            .AddStaffMenuEntry("/staff/acts", "staff.nav.acts", 60, RequestsPermissions.ActsRead)
            .MapApi(Acts.ActsApi.Map);
    }
}

public static class RequestsWebModularBuilderExtensions
{
    /// <summary>Adds the Requests pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddRequests()</c>).</summary>
    public static ModularBuilder AddRequestsWeb(this ModularBuilder modular) => modular.AddModule(new RequestsWebModule());
}
