using Modular.Core.Composition;
using Modular.Readings.Web.Api;
using Modular.Readings.Web.Dashboard;
using Modular.Web.Hooks;

namespace Modular.Readings.Web;

/// <summary>The Readings pages of the customer portal, its dashboard card and alert, meters on the contracts page, and the readings API.</summary>
public sealed class ReadingsWebModule : ModularWebModule
{
    /// <summary>The token scope that allows submitting readings through the API.</summary>
    public const string SubmitReadingsScope = "readings:submit";

    protected override string ModuleName => "Readings";

    protected override void ConfigureWeb(WebContributions web) => web
        .AddMenuEntry("/Readings", "nav.readings", 50)
        .AddDashboardAlert<ReadingWindowAlert>(20)
        .AddDashboardCard<ReadingWindow>(30)
        .AddToSlot<ContractMeters>(Slots.ContractDetails, 10)
        .AddToSlot<Staff.StaffMeters>(Slots.StaffCustomer, 10, WebSurface.Staff)
        .AddTokenScope(SubmitReadingsScope, "tokens.scope." + SubmitReadingsScope, 10)
        .MapApi(ReadingsApi.Map);
}

public static class ReadingsWebModularBuilderExtensions
{
    /// <summary>Adds the Readings pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddReadings()</c>).</summary>
    public static ModularBuilder AddReadingsWeb(this ModularBuilder modular) => modular.AddModule(new ReadingsWebModule());
}
