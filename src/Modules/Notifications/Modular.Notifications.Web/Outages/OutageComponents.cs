using Microsoft.AspNetCore.Mvc;
using Modular.Notifications.Contracts;
using Modular.Web.Hooks;

namespace Modular.Notifications.Web.Outages;

/// <summary>Dashboard alert: the current and planned outages at the user's addresses (nothing when there are none).</summary>
public sealed class MyOutages(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var outages = await queries.SendAsync(new GetMyOutages(), HttpContext.RequestAborted);
        return outages.IsSuccess && outages.Value.Count > 0 ? View(outages.Value) : Content(string.Empty);
    }
}

/// <summary>How the outage pages name an outage's kind, services and text in the reader's language.</summary>
public static class OutageText
{
    public static string For(OutageTexts texts, string culture) => culture switch
    {
        "en" => texts.En,
        "lv" => texts.Lv,
        _ => texts.Ro,
    };

    public static string ServicesKey(OutageServices services) => services switch
    {
        OutageServices.Water => "outages.services.water",
        OutageServices.Sewerage => "outages.services.sewerage",
        _ => "outages.services.both",
    };

    public static string KindKey(OutageKind kind) => kind == OutageKind.Planned ? "outages.kind.planned" : "outages.kind.unplanned";
}
