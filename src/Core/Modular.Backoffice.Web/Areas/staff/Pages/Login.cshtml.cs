using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web.Security;
using Modular.Core.Results;
using Modular.Web.Security;

namespace Modular.Backoffice.Web.Pages;

/// <summary>Staff sign-in: email and password, then the authenticator's code or a recovery code, in one form.</summary>
public sealed class LoginModel(IEnumerable<IStaffSessions> sessions) : StaffPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var staffSessions = sessions.LastOrDefault();
        if (staffSessions is null)
        {
            ModelState.AddModelError(string.Empty, Text["staff.login.unavailable"]);
            return Page();
        }

        var result = await staffSessions.SignInAsync(Email ?? string.Empty, Password ?? string.Empty, Code ?? string.Empty, HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            AddErrors(result);
            return Page();
        }

        await StaffAuthentication.SignInAsync(HttpContext, result.Value);
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && StaffAuthentication.IsStaffPath(url) ? url : StaffAuthentication.PathBase);
    }
}
