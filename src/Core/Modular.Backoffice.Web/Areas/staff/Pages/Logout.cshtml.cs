using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web.Security;

namespace Modular.Backoffice.Web.Pages;

/// <summary>Ends the staff session on the server (every copy of the cookie stops working), then drops the cookie.</summary>
public sealed class LogoutModel : StaffPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await StaffAuthentication.SignOutAsync(HttpContext);
        return LocalRedirect(StaffAuthentication.PathBase + "/Login");
    }
}
