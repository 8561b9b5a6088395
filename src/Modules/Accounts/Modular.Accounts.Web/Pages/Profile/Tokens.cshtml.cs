using Microsoft.AspNetCore.Mvc;
using Modular.Core.Time;
using Modular.Web.Hooks;
using Modular.Web.Localization;
using Modular.Web.Pages;
using Modular.Web.Security;
using NodaTime;

namespace Modular.Accounts.Web.Pages.Profile;

/// <summary>The user's personal access tokens for the API: create (shown once), list with last use, revoke.</summary>
public sealed class TokensModel(AccessTokenService tokens, UtilityClock clock) : PortalPageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [TokenScopes.Read];

    public IReadOnlyList<AccessTokenView> Tokens { get; private set; } = [];

    /// <summary>The scopes a token may carry: the shell's and those the modules' UI packages declared.</summary>
    public IReadOnlyList<TokenScope> AvailableScopes => tokens.AvailableScopes;

    public CreatedAccessToken? Created { get; private set; }

    public Instant Now => clock.Now;

    /// <summary>In the page's culture, as every other date of the portal.</summary>
    public string Format(Instant instant) => Formats.Instant(instant, clock.Zone);

    public async Task OnGetAsync() => Tokens = await tokens.ListAsync(UserId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var result = await tokens.CreateAsync(UserId, Name, Scopes, HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(Name), nameof(Scopes));
        }
        else
        {
            // Shown in this response only; the page after a reload lists the token without its secret.
            Created = result.Value;
            Name = null;
            Response.Headers.CacheControl = "no-store";
        }

        Tokens = await tokens.ListAsync(UserId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        await tokens.RevokeAsync(UserId, id, HttpContext.RequestAborted);
        return RedirectToPage();
    }
}
