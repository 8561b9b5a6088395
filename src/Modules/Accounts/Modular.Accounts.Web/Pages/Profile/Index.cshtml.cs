using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Web.Localization;
using Modular.Web.Pages;
using Modular.Web.Security;

namespace Modular.Accounts.Web.Pages.Profile;

/// <summary>Phone and language, password, email change, invoice by email, linked client codes, terms, active sessions.</summary>
public sealed class IndexModel(IMediator mediator, AccessTokenService tokens, ICurrentUser caller, UtilityClock clock) : PortalPageModel
{
    public UserProfile? Profile { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The utility's account settings (proof asked for, current versions); loaded with the page.</summary>
    public AccountSettings? Accounts { get; private set; }

    /// <summary>Where the user is signed in (the current session marked); empty for a cookie without a server-side session.</summary>
    public MySessions? Sessions { get; private set; }

    /// <summary>The user holds active API tokens, which outlive sessions: the session list offers to revoke them.</summary>
    public bool HasAccessTokens { get; private set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Culture { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? NewPasswordConfirmation { get; set; }

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool InvoiceByEmail { get; set; }

    [BindProperty]
    public string? ClientCode { get; set; }

    [BindProperty]
    public string? ContractNumber { get; set; }

    [BindProperty]
    public string? InternalCode { get; set; }

    [BindProperty]
    public string? ProofPhone { get; set; }

    public async Task OnGetAsync(string? notice)
    {
        Notice = notice is not null && notice.StartsWith("profile.", StringComparison.Ordinal) ? notice : null;
        await LoadAsync(fill: true);
    }

    public Task<IActionResult> OnPostContactAsync() => RunAsync(new UpdateProfile(Phone, Culture ?? PortalText.Culture), "profile.saved",
        after: () => PortalCultures.Normalize(Culture) is { } c ? Remember(c) : Task.CompletedTask, nameof(Phone), nameof(Culture));

    public Task<IActionResult> OnPostPasswordAsync() =>
        RunAsync(new ChangePassword(CurrentPassword ?? string.Empty, NewPassword ?? string.Empty, NewPasswordConfirmation ?? string.Empty),
            "profile.password_changed", null, nameof(CurrentPassword), nameof(NewPassword), nameof(NewPasswordConfirmation));

    public Task<IActionResult> OnPostEmailAsync() =>
        RunAsync(new RequestEmailChange(NewEmail ?? string.Empty, Password ?? string.Empty), "profile.email_link_sent", null, nameof(NewEmail), nameof(Password));

    public async Task<IActionResult> OnPostInvoiceByEmailAsync() =>
        await RunAsync(new SetInvoiceByEmail(InvoiceByEmail, InvoiceByEmail ? (await SettingsAsync()).InvoiceConditionsVersion : null), "profile.saved", null,
            nameof(InvoiceByEmail));

    public Task<IActionResult> OnPostLinkAsync() =>
        RunAsync(new LinkClientCode(ClientCode ?? string.Empty, ContractNumber, InternalCode, ProofPhone), "profile.code_linked", null,
            nameof(ClientCode), nameof(ContractNumber), nameof(InternalCode), nameof(ProofPhone));

    public Task<IActionResult> OnPostUnlinkAsync(string code) => RunAsync(new UnlinkClientCode(code), "profile.code_unlinked", null);

    /// <summary>Ends one of the user's sessions: that browser is signed out on its next request, on any instance.</summary>
    public Task<IActionResult> OnPostEndSessionAsync(Guid session) => RunAsync(new EndMySession(session), "profile.session_ended", null);

    public Task<IActionResult> OnPostEndOtherSessionsAsync() => RunAsync(new EndMyOtherSessions(), "profile.sessions_others_ended", null);

    /// <summary>Tokens outlive sessions: after a password change or ending sessions, one click revokes them all.</summary>
    public async Task<IActionResult> OnPostRevokeAllTokensAsync()
    {
        await tokens.RevokeAllAsync(UserId, HttpContext.RequestAborted);
        return RedirectToPage(new { notice = "profile.tokens_revoked" });
    }

    public async Task<IActionResult> OnPostTermsAsync() => await RunAsync(new AcceptTerms((await SettingsAsync()).TermsVersion), "profile.saved", null);

    private Task Remember(string culture)
    {
        PortalCultures.Remember(HttpContext, culture);
        return Task.CompletedTask;
    }

    private async Task<IActionResult> RunAsync<TResult>(MediatR.IRequest<TResult> command, string notice, Func<Task>? after, params string[] fields)
        where TResult : Result
    {
        var result = await mediator.Send(command, HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, fields);
            await LoadAsync(fill: false);
            return Page();
        }

        if (after is not null)
        {
            await after();
        }

        return RedirectToPage(new { notice });
    }

    private async Task<AccountSettings> SettingsAsync() =>
        Accounts ??= (await mediator.Send(new GetAccountSettings(), HttpContext.RequestAborted)).Value;

    private async Task LoadAsync(bool fill)
    {
        await SettingsAsync();
        var profile = await mediator.Send(new GetProfile(), HttpContext.RequestAborted);
        Profile = profile.IsSuccess ? profile.Value : null;
        var sessions = await mediator.Send(new GetMySessions(), HttpContext.RequestAborted);
        Sessions = sessions.IsSuccess ? sessions.Value : null;
        HasAccessTokens = Sessions?.HasAccessTokens == true || (caller.UserId is { } userId
            && (await tokens.ListAsync(userId, HttpContext.RequestAborted)).Any(t => t.IsActive(clock.Now)));
        if (fill && Profile is not null)
        {
            Phone = Profile.Phone;
            Culture = Profile.Culture;
            InvoiceByEmail = Profile.InvoiceByEmail;
        }
    }
}
