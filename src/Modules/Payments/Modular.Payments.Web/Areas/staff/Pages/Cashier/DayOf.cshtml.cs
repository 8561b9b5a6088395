using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;
using NodaTime;
using NodaTime.Text;

namespace Modular.Payments.Web.Staff.Cashier;

/// <summary>
/// One cashier's day at a desk as a supervisor sees it: the same report the cashier sees, and closing it for a cashier who
/// left without closing (<see cref="CloseCashierDayOf"/>; once, not while a cancellation waits).
/// </summary>
[RequiresPermission(PaymentsPermissions.CounterApprove)]
public sealed class DayOfModel(IMediator mediator) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Centre { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Desk { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    public CashierDayReport? Report { get; private set; }

    public string CashierName { get; private set; } = string.Empty;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid staffId) => await LoadAsync(staffId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCloseAsync(Guid staffId)
    {
        if (ParsedDate() is not { } date)
        {
            return NotFound();
        }

        var closed = await mediator.Send(new CloseCashierDayOf(staffId, Centre ?? string.Empty, Desk ?? string.Empty, date), HttpContext.RequestAborted);
        if (closed.IsFailure)
        {
            AddErrors(closed);
            return await LoadAsync(staffId) ? Page() : NotFound();
        }

        Message = Text["staff.cashier.day_closed"];
        return Redirect($"/staff/cashier/days/{staffId}?centre={Uri.EscapeDataString(closed.Value.Centre)}&desk={Uri.EscapeDataString(closed.Value.Desk)}&date={Date}");
    }

    private LocalDate? ParsedDate() => Date is { Length: > 0 } text && LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    private async Task<bool> LoadAsync(Guid staffId)
    {
        if (ParsedDate() is not { } date || string.IsNullOrWhiteSpace(Centre) || string.IsNullOrWhiteSpace(Desk))
        {
            return false;
        }

        var report = await mediator.Send(new GetCashierDayOf(staffId, Centre, Desk, date), HttpContext.RequestAborted);
        if (report.IsFailure)
        {
            return false;
        }

        Report = report.Value;
        var names = await mediator.Send(new GetStaffNames([staffId]), HttpContext.RequestAborted);
        CashierName = names.IsSuccess && names.Value.TryGetValue(staffId, out var name) ? name : staffId.ToString();
        return true;
    }
}
