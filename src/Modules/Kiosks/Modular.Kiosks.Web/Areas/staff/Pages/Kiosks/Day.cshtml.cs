using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Core.Access;
using Modular.Kiosks.Contracts;
using Modular.Web.Hooks;
using NodaTime.Text;

namespace Modular.Kiosks.Web.Staff;

/// <summary>
/// A kiosk's day: totals by method, receipts, notes by denomination and the cash in the box; closing it (the box emptied)
/// for those who manage kiosks. Closed once: a second close (another tab, a double submit) shows the same report.
/// </summary>
[RequiresPermission(KiosksPermissions.Read)]
public sealed class KioskDayModel(IMediator mediator, StaffPermissions permissions) : StaffPageModel
{
    public KioskDayReport Report { get; private set; } = null!;

    public bool CanClose { get; private set; }

    [TempData]
    public string? DayMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string day) =>
        LocalDatePattern.Iso.Parse(day) is { Success: true } date && await LoadAsync(id, date.Value) ? Page() : NotFound();

    [RequiresPermission(KiosksPermissions.Manage)]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, string day)
    {
        if (LocalDatePattern.Iso.Parse(day) is not { Success: true } date)
        {
            return NotFound();
        }

        var closed = await mediator.Send(new CloseKioskDay(id, date.Value), HttpContext.RequestAborted);
        if (closed.IsSuccess)
        {
            DayMessage = Text[closed.Value.AlreadyClosed ? "staff.kiosks.day_already_closed" : "staff.kiosks.day_closed_message"];
            return Redirect($"/staff/kiosks/{id}/days/{day}");
        }

        AddErrors(closed);
        return await LoadAsync(id, date.Value) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, NodaTime.LocalDate day)
    {
        var report = await mediator.Send(new GetKioskDay(id, day), HttpContext.RequestAborted);
        if (report.IsFailure)
        {
            return false;
        }

        Report = report.Value;
        CanClose = permissions.Grants(Session?.Roles ?? [], KiosksPermissions.Manage);
        return true;
    }
}
