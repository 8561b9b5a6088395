using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Accounts.Web.ExternalSignIn;
using Modular.Core.Results;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Profile;

/// <summary>The banks and eIDs linked to the account: link another (through the provider) or remove one, never the last way in.</summary>
public sealed class SignInMethodsModel(IMediator mediator, ExternalProviders providers) : PortalPageModel
{
    public ExternalProviders Providers => providers;

    public ExternalLoginsView? Logins { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? linked, string? error)
    {
        if (providers.Find(linked) is { } provider)
        {
            Notice = Text.Get("external.linked", ("provider", provider.NameIn(Modular.Web.Localization.PortalText.Culture)));
        }

        // Only the module's own codes come back through the address (from the callback's refusals).
        if (error is not null && error.StartsWith("accounts.external_", StringComparison.Ordinal))
        {
            ModelState.AddModelError(string.Empty, Text.Describe(new Error(error)));
        }

        await LoadAsync();
    }

    public async Task<IActionResult> OnPostUnlinkAsync(string? provider)
    {
        var result = await mediator.Send(new UnlinkExternalLogin(provider ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            await LoadAsync();
            return Page();
        }

        Notice = Text["external.unlinked"];
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Logins = (await mediator.Send(new GetExternalLogins(), HttpContext.RequestAborted)).Value;
}
