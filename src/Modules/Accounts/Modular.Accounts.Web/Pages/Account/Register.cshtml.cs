using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Web.Localization;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>Registration with a client code and the proof the utility asks for; the confirmation link arrives by email.</summary>
public sealed class RegisterModel(IMediator mediator) : PortalPageModel
{
    [BindProperty]
    public string? ClientCode { get; set; }

    [BindProperty]
    public string? ContractNumber { get; set; }

    [BindProperty]
    public string? InternalCode { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? PasswordConfirmation { get; set; }

    [BindProperty]
    public bool AcceptTerms { get; set; }

    public bool Done { get; private set; }

    public AccountSettings Settings { get; private set; } = null!;

    public bool ProofIsContractNumber => Settings.ProofIsContractNumber;

    public async Task OnGetAsync() => Settings = (await mediator.Send(new GetAccountSettings(), HttpContext.RequestAborted)).Value;

    public async Task<IActionResult> OnPostAsync()
    {
        await OnGetAsync();
        var command = new RegisterUser(Email ?? string.Empty, ClientCode ?? string.Empty, ContractNumber, InternalCode, Phone,
            Password ?? string.Empty, PasswordConfirmation ?? string.Empty, AcceptTerms ? Settings.TermsVersion : null, PortalText.Culture);
        var result = await mediator.Send(command, HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(ClientCode), nameof(ContractNumber), nameof(InternalCode), nameof(Phone), nameof(Email),
                nameof(Password), nameof(PasswordConfirmation), nameof(AcceptTerms), "AcceptedTermsVersion");
            MoveError("AcceptedTermsVersion", nameof(AcceptTerms));
            return Page();
        }

        Done = true;
        return Page();
    }

    private void MoveError(string from, string to)
    {
        if (ModelState.TryGetValue(from, out var entry))
        {
            foreach (var error in entry.Errors)
            {
                ModelState.AddModelError(to, error.ErrorMessage);
            }

            ModelState.Remove(from);
        }
    }
}
