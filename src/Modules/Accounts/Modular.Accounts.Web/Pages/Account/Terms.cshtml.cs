using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Branding;
using Modular.Web.Localization;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>
/// The current terms and conditions in the page's language (the utility's text of the version Accounts asks for, see
/// <see cref="PortalBranding.TermsHtml"/>), open to anyone; a signed-in user accepts them here (asked at log-in when they
/// accepted an older version).
/// </summary>
public sealed class TermsModel(IMediator mediator, PortalBranding branding) : PortalPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Version { get; private set; } = string.Empty;

    /// <summary>The utility's text of <see cref="Version"/> (an HTML fragment it supplied), or null when it published none.</summary>
    public string? TermsText { get; private set; }

    public async Task OnGetAsync()
    {
        Version = (await mediator.Send(new GetAccountSettings(), HttpContext.RequestAborted)).Value.TermsVersion;
        TermsText = branding.TermsHtml(Version, PortalText.Culture);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        await OnGetAsync();
        var result = await mediator.Send(new AcceptTerms(Version), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
