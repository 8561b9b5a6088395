using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Web.Localization;

namespace Modular.Kiosks.Web.Kiosk.Pages;

/// <summary>The language and text size of the session (kept on the server with it; a new customer starts with the defaults).</summary>
public sealed class SettingsModel : KioskPageModel
{
    public IActionResult OnGet() => ToStart();

    public IActionResult OnPostLanguage(string? culture, string? returnPage)
    {
        if (PortalCultures.Normalize(culture) is { } chosen)
        {
            KioskHttp.Ensure(HttpContext).Culture = chosen;
        }

        return Back(returnPage);
    }

    public IActionResult OnPostTextSize(KioskTextSize size, string? returnPage)
    {
        if (Enum.IsDefined(size))
        {
            KioskHttp.Ensure(HttpContext).TextSize = size;
        }

        return Back(returnPage);
    }

    /// <summary>Back to the screen the switch was on (a kiosk screen's own address, nothing else).</summary>
    private IActionResult Back(string? returnPage) =>
        Redirect(returnPage is { Length: > 0 and < 100 } page && KioskHttp.IsKioskPath(page) && Url.IsLocalUrl(page) && !page.Contains('?', StringComparison.Ordinal)
            && !page.StartsWith("/kiosk/receipt", StringComparison.OrdinalIgnoreCase) && !page.StartsWith("/kiosk/settings", StringComparison.OrdinalIgnoreCase)
            ? page
            : StartPath);
}
