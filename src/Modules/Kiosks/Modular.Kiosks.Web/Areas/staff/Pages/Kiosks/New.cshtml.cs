using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Kiosks.Contracts;
using Modular.Web.Hooks;

namespace Modular.Kiosks.Web.Staff;

/// <summary>
/// Registers a kiosk (<see cref="RegisterKiosk"/>); the answer shows its device key this once (only a hash is kept). Refusals
/// show at their fields and nothing is stored; a second submit of the same code is refused as taken.
/// </summary>
[RequiresPermission(KiosksPermissions.Manage)]
public sealed class NewKioskModel(IMediator mediator) : StaffPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Centre { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The kiosk just registered, with its key (shown once, never again).</summary>
    public KioskDeviceKey? Registered { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var registered = await mediator.Send(new RegisterKiosk(Code ?? string.Empty, Centre ?? string.Empty, Name ?? string.Empty), HttpContext.RequestAborted);
        if (registered.IsFailure)
        {
            AddErrors(registered, nameof(Code), nameof(Centre), nameof(Name));
            return Page();
        }

        Registered = registered.Value;
        // The key must not be kept by the browser's cache or its history.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
