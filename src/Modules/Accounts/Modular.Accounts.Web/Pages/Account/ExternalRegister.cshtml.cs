using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Accounts.Web.ExternalSignIn;
using Modular.Web.Localization;
using Modular.Web.Pages;
using Modular.Web.Security;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>
/// Registration after a provider confirmed who the visitor is: the client code and its proof as at password
/// registration; the identity number must be the customer's. Signed in at once when the provider verified the email.
/// </summary>
public sealed class ExternalRegisterModel(IMediator mediator, ExternalProviders providers) : PortalPageModel
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
    public bool AcceptTerms { get; set; }

    public AccountSettings Settings { get; private set; } = null!;

    /// <summary>The provider's name in the page language; null when there is no provider answer (expired or never started).</summary>
    public string? ProviderName { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync()
    {
        var external = await LoadAsync();
        Email ??= external?.Email;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var identity = await LoadAsync();
        if (identity is null)
        {
            return Page();
        }

        var command = new RegisterWithProvider(identity, Email ?? string.Empty, ClientCode ?? string.Empty, ContractNumber, InternalCode, Phone,
            AcceptTerms ? Settings.TermsVersion : null, PortalText.Culture);
        var result = await mediator.Send(command, HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(ClientCode), nameof(ContractNumber), nameof(InternalCode), nameof(Phone), nameof(Email), nameof(AcceptTerms));
            if (ModelState.Remove("AcceptedTermsVersion"))
            {
                ModelState.AddModelError(nameof(AcceptTerms), Text.Describe(result.Errors.First(e => e.Field == "AcceptedTermsVersion")));
            }

            return Page();
        }

        await ExternalAuthentication.ForgetAsync(HttpContext);
        if (result.Value.LogIn is { } user)
        {
            await PortalSession.SignInAsync(HttpContext, user.UserId, user.Email, user.Culture, user.Session?.SessionId, user.Session?.Secret);
            return LocalRedirect("/");
        }

        Done = true;
        return Page();
    }

    private async Task<ExternalIdentity?> LoadAsync()
    {
        Settings = (await mediator.Send(new GetAccountSettings(), HttpContext.RequestAborted)).Value;
        var external = await ExternalAuthentication.ReadAsync(HttpContext);
        if (external is not var (identity, _))
        {
            return null;
        }

        ProviderName = providers.Find(identity.Provider)?.NameIn(PortalText.Culture) ?? identity.Provider;
        return identity;
    }
}
