using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Modular.Kiosks.Device;
using Modular.Web.Localization;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// Base of the kiosk's screens: the request's kiosk session, the device, texts, and the way back to the start. Screens that
/// need a customer send the kiosk back to the start when the session has none (expired, ended, another kiosk's cookie).
/// </summary>
public abstract class KioskPageModel : PageModel
{
    /// <summary>The kiosk's start screen.</summary>
    public const string StartPath = KioskHttp.PathBase;

    protected KioskSession? Session => KioskHttp.Current(HttpContext);

    protected PortalText Text => HttpContext.RequestServices.GetRequiredService<PortalText>();

    protected KioskDevice Device => HttpContext.RequestServices.GetRequiredService<KioskDevice>();

    /// <summary>The session with a customer found, or null.</summary>
    protected KioskSession? CustomerSession => Session is { CustomerId: not null } session ? session : null;

    /// <summary>Back to the start screen (its address only: nothing of the customer in it).</summary>
    protected IActionResult ToStart() => Redirect(StartPath);

    /// <summary>Ends the session (server and cookie) and goes back to the start.</summary>
    protected IActionResult EndAndStart()
    {
        KioskHttp.End(HttpContext);
        return ToStart();
    }
}
