using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Modular.Accounts;
using Modular.Accounts.Contracts;

namespace Modular.Web.Pages.Account;

/// <summary>Accepting the current terms (asked at log-in when the user accepted an older version).</summary>
[Authorize]
public sealed class TermsModel(IMediator mediator, IOptions<AccountsOptions> accounts) : PortalPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Version => accounts.Value.TermsVersion;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mediator.Send(new AcceptTerms(Version), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
