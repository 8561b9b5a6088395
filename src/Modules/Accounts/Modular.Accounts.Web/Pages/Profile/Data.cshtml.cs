using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Core.PersonalData;
using Modular.Core.Time;
using Modular.Web.Localization;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Profile;

/// <summary>"Your data": ask for the archive of everything held about the user, download it while it lasts, close the account.</summary>
public sealed class DataModel(IMediator mediator, UtilityClock clock, IOptions<PersonalDataOptions> options) : PortalPageModel
{
    public IReadOnlyList<PersonalDataExportView> Exports { get; private set; } = [];

    public string? Notice { get; private set; }

    public int ArchiveDays => options.Value.ArchiveDays;

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public string Format(NodaTime.Instant instant) => Formats.Instant(instant, clock.Zone);

    public async Task OnGetAsync(string? notice)
    {
        Notice = notice is "data.export_requested" ? notice : null;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostExportAsync()
    {
        var result = await mediator.Send(new RequestPersonalDataExport(), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            await LoadAsync();
            return Page();
        }

        return RedirectToPage(new { notice = "data.export_requested" });
    }

    /// <summary>Only the user who asked gets the file; any other id (or an expired archive) is a plain 404.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid id)
    {
        var result = await mediator.Send(new DownloadPersonalDataExport(id), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(result.Value.Content, "application/zip", result.Value.FileName);
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        var result = await mediator.Send(new CloseAccount(Password ?? string.Empty, Confirmed), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(Password), nameof(Confirmed));
            await LoadAsync();
            return Page();
        }

        // The server-side sessions are already ended; this drops the cookie.
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/Account/Login?notice=login.notice.account_closed");
    }

    private async Task LoadAsync()
    {
        var exports = await mediator.Send(new GetMyPersonalDataExports(), HttpContext.RequestAborted);
        Exports = exports.IsSuccess ? exports.Value : [];
    }
}
