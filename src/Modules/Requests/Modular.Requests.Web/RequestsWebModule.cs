using Modular.Core.Composition;
using Modular.Web.Hooks;

namespace Modular.Requests.Web;

/// <summary>The Requests pages of the customer portal, the requests API, and the back office's requests screens.</summary>
public sealed class RequestsWebModule : ModularWebModule
{
    protected override string ModuleName => "Requests";

    protected override void ConfigureWeb(WebContributions web)
    {
    }
}

public static class RequestsWebModularBuilderExtensions
{
    /// <summary>Adds the Requests pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddRequests()</c>).</summary>
    public static ModularBuilder AddRequestsWeb(this ModularBuilder modular) => modular.AddModule(new RequestsWebModule());
}
