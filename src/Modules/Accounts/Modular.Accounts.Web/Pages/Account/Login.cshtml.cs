using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Pages;
using Modular.Web.Security;

namespace Modular.Accounts.Web.Pages.Account;

public sealed class LoginModel(IMediator mediator) : PortalPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>A text key shown above the form (after confirming, resetting, logging out).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    public void OnGet()
    {
        if (Notice is not null && !Notice.StartsWith("login.notice.", StringComparison.Ordinal))
        {
            Notice = null;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Notice = null;
        var result = await mediator.Send(new LogIn(Email ?? string.Empty, Password ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(Email), nameof(Password));
            return Page();
        }

        var user = result.Value;
        await PortalSession.SignInAsync(HttpContext, user.UserId, user.Email, user.Culture, user.Session?.SessionId, user.Session?.Secret);
        if (user.MustAcceptTerms)
        {
            return RedirectToPage("/Account/Terms", new { ReturnUrl });
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
