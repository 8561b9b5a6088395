using Microsoft.AspNetCore.Mvc;
using Modular.Web.Security;

namespace Modular.Web.Pages.Account;

public sealed class LogoutModel : PortalPageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await PortalSession.SignOutAsync(HttpContext);
        return RedirectToPage("/Account/Login", new { Notice = "login.notice.logged_out" });
    }
}
