using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web.Security;
using Modular.Web.Localization;

namespace Modular.Backoffice.Web.Pages;

/// <summary>
/// The back office's language switch: the same language cookie as the portal's, posted under <c>/staff</c> so that the
/// form's antiforgery token is checked against the staff identity that rendered it.
/// </summary>
public sealed class LanguageModel : StaffPageModel
{
    public IActionResult OnGet() => LocalRedirect(StaffAuthentication.PathBase);

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (PortalCultures.Normalize(culture) is { } chosen)
        {
            PortalCultures.Remember(HttpContext, chosen);
        }

        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) && StaffAuthentication.IsStaffPath(returnUrl) ? returnUrl : StaffAuthentication.PathBase);
    }
}
