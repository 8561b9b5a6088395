using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>
/// The link from the confirmation email. Opening it shows a button; only the POST confirms, so mail scanners that
/// follow links do not use up the token.
/// </summary>
public sealed class ConfirmModel(IMediator mediator) : PortalPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Confirmed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mediator.Send(new ConfirmEmail(Token ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            return Page();
        }

        return RedirectToPage("/Account/Login", new { Notice = "login.notice.confirmed" });
    }
}
