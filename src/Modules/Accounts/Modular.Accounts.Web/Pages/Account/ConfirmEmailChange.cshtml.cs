using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>The link sent to a new address; confirmed by a POST so that link scanners do not use it up.</summary>
public sealed class ConfirmEmailChangeModel(IMediator mediator) : PortalPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mediator.Send(new ConfirmEmailChange(Token ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
        }

        Done = result.IsSuccess;
        return Page();
    }
}
