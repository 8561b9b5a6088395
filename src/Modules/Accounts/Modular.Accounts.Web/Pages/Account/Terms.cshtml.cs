using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>Accepting the current terms (asked at log-in when the user accepted an older version).</summary>
[Authorize]
public sealed class TermsModel(IMediator mediator) : PortalPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Version { get; private set; } = string.Empty;

    public async Task OnGetAsync() => Version = (await mediator.Send(new GetAccountSettings(), HttpContext.RequestAborted)).Value.TermsVersion;

    public async Task<IActionResult> OnPostAsync()
    {
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
