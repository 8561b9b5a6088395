using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;
using NodaTime;
using NodaTime.Text;

namespace Modular.Payments.Web.Staff.Cashier;

/// <summary>
/// End of day at the cashier's desk: totals per method, the receipts and the cancelled ones, the cash to hand over; closed
/// once (<see cref="CloseCashierDay"/>; a second tab is told it is already closed). A closed day stays viewable and printable.
/// </summary>
[RequiresPermission(PaymentsPermissions.Counter)]
public sealed class DayModel(IMediator mediator) : StaffPageModel
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    public CashierDesk? Desk { get; private set; }

    public CashierDayReport? Report { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return Redirect("/staff/cashier");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (!await LoadDeskAsync() || Desk is null)
        {
            return Redirect("/staff/cashier");
        }

        var date = ParsedDate();
        var closed = await mediator.Send(new CloseCashierDay(Desk.Centre, Desk.Desk, date), HttpContext.RequestAborted);
        if (closed.IsFailure)
        {
            AddErrors(closed);
            await LoadAsync();
            return Page();
        }

        Message = Text["staff.cashier.day_closed"];
        return Redirect("/staff/cashier/day" + (date is { } d ? "?date=" + IsoDate.Format(d) : string.Empty));
    }

    private LocalDate? ParsedDate() => Date is { Length: > 0 } text && IsoDate.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    private async Task<bool> LoadDeskAsync()
    {
        var desk = await mediator.Send(new GetCashierDesk(), HttpContext.RequestAborted);
        Desk = desk.IsSuccess ? desk.Value.Chosen : null;
        return Desk is not null;
    }

    private async Task<bool> LoadAsync()
    {
        if (!await LoadDeskAsync() || Desk is null)
        {
            return false;
        }

        if (Date is { Length: > 0 } && ParsedDate() is null)
        {
            ModelState.AddModelError(string.Empty, Text["staff.cashier.date_invalid"]);
            Date = null;
        }

        var report = await mediator.Send(new GetCashierDay(Desk.Centre, Desk.Desk, ParsedDate()), HttpContext.RequestAborted);
        if (report.IsFailure)
        {
            AddErrors(report);
            return true;
        }

        Report = report.Value;
        return true;
    }
}
