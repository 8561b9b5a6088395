using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>Asks for a reset link; the answer is the same whether the address is known or not.</summary>
public sealed class ForgotPasswordModel(IMediator mediator) : PortalPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mediator.Send(new RequestPasswordReset(Email ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(Email));
            return Page();
        }

        Sent = true;
        return Page();
    }
}
