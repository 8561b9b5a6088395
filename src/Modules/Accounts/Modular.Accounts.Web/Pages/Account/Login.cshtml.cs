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

    /// <summary>The password was right but the address is not confirmed yet: offer a new confirmation link.</summary>
    public bool OfferResend { get; private set; }

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
            OfferResend = result.Errors.Any(e => e.Code == EmailNotConfirmed);
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

    /// <summary>
    /// Sends a new link to an unconfirmed address. The answer is the same for any address, and the page's credential
    /// throttle applies, so it neither reveals accounts nor floods an inbox.
    /// </summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        var result = await mediator.Send(new ResendConfirmation(Email ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(Email));
            return Page();
        }

        Notice = "login.notice.confirmation_resent";
        return Page();
    }

    private const string EmailNotConfirmed = "accounts.email_not_confirmed";
}
