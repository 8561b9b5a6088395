using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Web.Hooks;

namespace Modular.Notifications.Web.Staff;

/// <summary>
/// One outage: its data, area, how many premises it reaches and its steps; while open, a form for an update (new expected
/// end, new texts) and one for its end. Both carry the version the page showed: a colleague's change meanwhile wins.
/// </summary>
[RequiresPermission(NotificationsPermissions.OutagesManage)]
public sealed class OutageDetailsModel(IMediator mediator, UtilityClock clock) : StaffPageModel
{
    public OutageDetails? Outage { get; private set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? ExpectedEnd { get; set; }

    [BindProperty]
    public string? TextRo { get; set; }

    [BindProperty]
    public string? TextEn { get; set; }

    [BindProperty]
    public string? TextLv { get; set; }

    [BindProperty]
    public string? RestoredAt { get; set; }

    [TempData]
    public string? OutageMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id)
    {
        var end = OutageForm.ParseTime(ExpectedEnd, clock.Zone);
        if (end is null)
        {
            ModelState.AddModelError(nameof(ExpectedEnd), Text["outages.time_invalid"]);
            return await PageAgainAsync(id);
        }

        var result = await mediator.Send(new UpdateOutage(id, Version, end.Value, new OutageTexts(TextRo ?? string.Empty, TextEn ?? string.Empty,
            TextLv ?? string.Empty)), HttpContext.RequestAborted);
        return await AfterAsync(id, result, "outages.updated");
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id)
    {
        var restored = OutageForm.ParseTime(RestoredAt, clock.Zone);
        if (restored is null)
        {
            ModelState.AddModelError(nameof(RestoredAt), Text["outages.time_invalid"]);
            return await PageAgainAsync(id);
        }

        var result = await mediator.Send(new EndOutage(id, Version, restored.Value), HttpContext.RequestAborted);
        return await AfterAsync(id, result, "outages.ended_now");
    }

    private async Task<IActionResult> AfterAsync(Guid id, Result<int> result, string done)
    {
        if (result.IsSuccess)
        {
            OutageMessage = Text[done];
            return Redirect($"/staff/outages/{id}");
        }

        foreach (var error in result.Errors)
        {
            var input = error.Field switch
            {
                "ExpectedEnd" => nameof(ExpectedEnd),
                "RestoredAt" => nameof(RestoredAt),
                "Texts" or "Texts.Ro" => nameof(TextRo),
                "Texts.En" => nameof(TextEn),
                "Texts.Lv" => nameof(TextLv),
                _ => string.Empty,
            };
            ModelState.AddModelError(input, Text.Describe(error));
        }

        return await PageAgainAsync(id);
    }

    private async Task<IActionResult> PageAgainAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var outage = await mediator.Send(new GetOutage(id), HttpContext.RequestAborted);
        Outage = outage.IsSuccess ? outage.Value : null;
        return Outage is not null;
    }

    private void Fill()
    {
        var o = Outage!.Outage;
        Version = o.Version;
        ExpectedEnd = OutageForm.Format(o.ExpectedEnd, clock.Zone);
        (TextRo, TextEn, TextLv) = (o.Texts.Ro, o.Texts.En, o.Texts.Lv);
        RestoredAt = OutageForm.Format(clock.Now, clock.Zone);
    }
}
