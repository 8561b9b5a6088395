using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Contracts;
using Modular.Accounts.Web.ExternalSignIn;
using Modular.Web.Pages;
using Modular.Web.Security;

namespace Modular.Accounts.Web.Pages.Account;

/// <summary>
/// Sends the visitor to a provider (log-in, registration, or linking to the signed-in account) and takes the answer the
/// OpenID Connect handler validated: a linked identity logs in, an unknown one goes on to registration. Started by a link,
/// not a form: the portal's form-action policy allows no form to lead off-site.
/// </summary>
public sealed class ExternalModel(IMediator mediator, ExternalProviders providers, ILogger<ExternalModel> logger) : PortalPageModel
{
    private const string IntentKey = "intent";

    /// <summary>The text of what went wrong, shown on the page.</summary>
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? provider, string? intent)
    {
        if (providers.Find(provider) is not { } configured)
        {
            Message = Text["external.unknown_provider"];
            return Page();
        }

        intent = intent is "link" or "register" ? intent : "login";
        if (intent == "link" && User.Identity?.IsAuthenticated != true)
        {
            return RedirectToPage("/Account/Login");
        }

        var properties = new AuthenticationProperties { RedirectUri = Url.Page("/Account/External", "Callback") };
        properties.Items[IntentKey] = intent;
        try
        {
            // The challenge reads the provider's discovery document first: a provider that is down fails here.
            await HttpContext.ChallengeAsync(ExternalAuthentication.SchemeOf(configured.Scheme), properties);
        }
        catch (Exception e) when (ExternalAuthentication.IsUnavailable(e))
        {
            logger.LogWarning("Sign-in with {Provider} unavailable: {Reason}", configured.Scheme, e.Message);
            return Failed(configured, unavailable: true);
        }

        return new EmptyResult();
    }

    /// <summary>Where the handler returns after validating the provider's answer.</summary>
    public async Task<IActionResult> OnGetCallbackAsync()
    {
        if (await ExternalAuthentication.ReadAsync(HttpContext) is not var (identity, properties))
        {
            Message = Text["external.expired"];
            return Page();
        }

        if (properties.Items.TryGetValue(IntentKey, out var intent) && intent == "link")
        {
            await ExternalAuthentication.ForgetAsync(HttpContext);
            if (User.Identity?.IsAuthenticated != true)
            {
                return RedirectToPage("/Account/Login");
            }

            var linked = await mediator.Send(new LinkExternalLogin(identity), HttpContext.RequestAborted);
            return linked.IsSuccess
                ? RedirectToPage("/Profile/SignInMethods", new { linked = identity.Provider })
                : RedirectToPage("/Profile/SignInMethods", new { error = linked.Error.Code });
        }

        var result = await mediator.Send(new LogInWithProvider(identity), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            if (result.Error.Code == NotLinked)
            {
                // Unknown here: register (the identity stays in the external cookie until then).
                return RedirectToPage("/Account/ExternalRegister");
            }

            await ExternalAuthentication.ForgetAsync(HttpContext);
            Message = Text.Describe(result.Error);
            return Page();
        }

        await ExternalAuthentication.ForgetAsync(HttpContext);
        var user = result.Value;
        await PortalSession.SignInAsync(HttpContext, user.UserId, user.Email, user.Culture, user.Session?.SessionId, user.Session?.Secret);
        return user.MustAcceptTerms ? RedirectToPage("/Account/Terms") : LocalRedirect("/");
    }

    /// <summary>Where the handler sends a refused or unreachable provider's answer; nothing was changed.</summary>
    public IActionResult OnGetFailed(string? provider, string? reason) =>
        providers.Find(provider) is { } configured ? Failed(configured, reason == "unavailable") : RedirectToPage("/Account/Login");

    private PageResult Failed(ExternalProviderOptions provider, bool unavailable)
    {
        Message = Text.Get(unavailable ? "external.unavailable" : "external.failed", ("provider", provider.NameIn(Modular.Web.Localization.PortalText.Culture)));
        Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
        return Page();
    }

    private const string NotLinked = "accounts.external_login_not_linked";
}
