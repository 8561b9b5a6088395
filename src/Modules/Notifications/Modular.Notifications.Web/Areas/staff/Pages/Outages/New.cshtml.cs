using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Web.Hooks;

namespace Modular.Notifications.Web.Staff;

/// <summary>
/// Records an outage (<see cref="AnnounceOutage"/>): kind, services, start and expected end (local time), the texts in the
/// three languages and the area – streets, one per line, and/or a GeoJSON polygon. Refusals show at their fields, nothing stored.
/// </summary>
[RequiresPermission(NotificationsPermissions.OutagesManage)]
public sealed class NewOutageModel(IMediator mediator, UtilityClock clock) : StaffPageModel
{
    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public bool Water { get; set; }

    [BindProperty]
    public bool Sewerage { get; set; }

    [BindProperty]
    public string? Start { get; set; }

    [BindProperty]
    public string? ExpectedEnd { get; set; }

    [BindProperty]
    public string? TextRo { get; set; }

    [BindProperty]
    public string? TextEn { get; set; }

    [BindProperty]
    public string? TextLv { get; set; }

    [BindProperty]
    public string? Streets { get; set; }

    [BindProperty]
    public string? AreaGeoJson { get; set; }

    [TempData]
    public string? OutageMessage { get; set; }

    public void OnGet()
    {
        Kind = nameof(OutageKind.Planned);
        Water = true;
        Start = OutageForm.Format(clock.Now, clock.Zone);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var start = OutageForm.ParseTime(Start, clock.Zone);
        if (start is null)
        {
            ModelState.AddModelError(nameof(Start), Text["outages.time_invalid"]);
        }

        var end = OutageForm.ParseTime(ExpectedEnd, clock.Zone);
        if (end is null)
        {
            ModelState.AddModelError(nameof(ExpectedEnd), Text["outages.time_invalid"]);
        }

        var (streets, badLine) = OutageForm.ParseStreets(Streets);
        if (badLine is { } line)
        {
            ModelState.AddModelError(nameof(Streets), Text.Get("outages.streets_line_invalid", ("line", line)));
        }

        var kind = Enum.TryParse<OutageKind>(Kind, ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : (OutageKind)(-1);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var services = (Water ? OutageServices.Water : OutageServices.None) | (Sewerage ? OutageServices.Sewerage : OutageServices.None);
        var result = await mediator.Send(new AnnounceOutage(kind, services, start!.Value, end!.Value, new OutageTexts(TextRo ?? string.Empty,
            TextEn ?? string.Empty, TextLv ?? string.Empty), streets, AreaGeoJson), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(InputOf(error.Field), Text.Describe(error));
            }

            return Page();
        }

        OutageMessage = Text.Get("outages.announced", ("number", result.Value.Number));
        return Redirect($"/staff/outages/{result.Value.OutageId}");
    }

    public static string InputOf(string? field) => field switch
    {
        null => string.Empty,
        "Kind" => nameof(Kind),
        "Services" => nameof(Water),
        "Start" => nameof(Start),
        "ExpectedEnd" => nameof(ExpectedEnd),
        "Texts" or "Texts.Ro" => nameof(TextRo),
        "Texts.En" => nameof(TextEn),
        "Texts.Lv" => nameof(TextLv),
        "AreaGeoJson" => nameof(AreaGeoJson),
        _ when field.StartsWith("Streets", StringComparison.Ordinal) => nameof(Streets),
        _ => string.Empty,
    };
}
