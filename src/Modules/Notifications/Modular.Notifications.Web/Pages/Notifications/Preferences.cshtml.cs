using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Web.Pages;

namespace Modular.Notifications.Web.Pages.Notifications;

/// <summary>
/// Which notifications the user gets, per type and channel (mandatory ones shown, not changeable), and the mobile number
/// for SMS, verified by a code sent to it. Each change is one request; a refused one shows its reason next to the field and
/// changes nothing.
/// </summary>
public sealed class PreferencesModel(IMediator mediator) : PortalPageModel
{
    public NotificationSettings? Settings { get; private set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The boxes ticked: <c>{type}:{channel}</c>.</summary>
    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSaveAsync()
    {
        await LoadAsync();
        if (Settings is null)
        {
            return Page();
        }

        foreach (var preference in Settings.Preferences.Where(p => !p.Mandatory))
        {
            var wanted = Chosen.Contains(Key(preference.Type, preference.Channel));
            if (wanted == preference.Enabled)
            {
                continue;
            }

            var result = await mediator.Send(new SetNotificationPreference(preference.Type, preference.Channel, wanted), HttpContext.RequestAborted);
            if (result.IsFailure)
            {
                ModelState.AddModelError(Key(preference.Type, preference.Channel), Text.Describe(result.Error));
            }
        }

        Saved = ModelState.IsValid;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPhoneAsync()
    {
        var result = await mediator.Send(new StartPhoneVerification(Phone ?? string.Empty), HttpContext.RequestAborted);
        AddErrors(result, nameof(Phone));
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var result = await mediator.Send(new ConfirmPhone(Code ?? string.Empty), HttpContext.RequestAborted);
        AddErrors(result, nameof(Code));
        await LoadAsync();
        return Page();
    }

    public static string Key(string type, NotificationChannel channel) => $"{type}:{channel}";

    private async Task LoadAsync()
    {
        var settings = await mediator.Send(new GetMyNotificationSettings(), HttpContext.RequestAborted);
        Settings = settings.IsSuccess ? settings.Value : null;
        Phone ??= Settings?.Phone;
    }
}
