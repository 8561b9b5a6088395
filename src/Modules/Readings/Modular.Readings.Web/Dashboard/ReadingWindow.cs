using Microsoft.AspNetCore.Mvc;
using Modular.Readings.Contracts;
using Modular.Web.Hooks;

namespace Modular.Readings.Web.Dashboard;

/// <summary>The reading window of the caller's self-read meters (the first one's: the window is the utility's, not the meter's).</summary>
internal static class Window
{
    public static async Task<ReadingWindowState?> OfAsync(PageQueries queries, CancellationToken ct)
    {
        var window = await queries.SendAsync(new GetMyReadingWindow(), ct);
        return window.IsSuccess ? window.Value : null;
    }
}

/// <summary>Dashboard card: whether readings may be submitted now, until when, or when the window opens.</summary>
public sealed class ReadingWindow(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await Window.OfAsync(queries, HttpContext.RequestAborted));
}

/// <summary>Dashboard alert while the reading window is open.</summary>
public sealed class ReadingWindowAlert(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        await Window.OfAsync(queries, HttpContext.RequestAborted) is { IsOpen: true } open ? View(open) : Content(string.Empty);
}

/// <summary>The meters of one contract on the contracts page: serial, verification date, removal.</summary>
public sealed class ContractMeters(PageQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid contractId)
    {
        var meters = await queries.SendAsync(new GetMyMeters(), HttpContext.RequestAborted);
        return View((meters.IsSuccess ? meters.Value : []).Where(m => m.ContractId == contractId).ToList());
    }
}
