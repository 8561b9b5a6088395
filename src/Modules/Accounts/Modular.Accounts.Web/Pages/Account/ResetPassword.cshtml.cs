using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>The link from the reset email (<c>/account/reset?token=…</c>): a new password, twice.</summary>
public sealed class ResetPasswordModel(IMediator mediator) : PortalPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? NewPasswordConfirmation { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mediator.Send(new ResetPassword(Token ?? string.Empty, NewPassword ?? string.Empty, NewPasswordConfirmation ?? string.Empty),
            HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(NewPassword), nameof(NewPasswordConfirmation));
            return Page();
        }

        return RedirectToPage("/Account/Login", new { Notice = "login.notice.password_reset" });
    }
}
