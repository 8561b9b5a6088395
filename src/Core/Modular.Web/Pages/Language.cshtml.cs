using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Modular.Web.Localization;

namespace Modular.Web.Pages;

/// <summary>The language switcher: remembers the choice in a cookie (and, for a signed-in user, in their profile).</summary>
public sealed class LanguageModel(IEnumerable<IPreferredCultureStore> stores) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        if (PortalCultures.Normalize(culture) is { } chosen)
        {
            PortalCultures.Remember(HttpContext, chosen);
            if (User.Identity?.IsAuthenticated == true)
            {
                foreach (var store in stores)
                {
                    await store.SaveAsync(chosen, HttpContext.RequestAborted);
                }
            }
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
