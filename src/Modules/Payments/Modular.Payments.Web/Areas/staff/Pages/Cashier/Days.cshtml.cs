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
/// A supervisor's view of the collection centres' day: every cashier at every desk, open days first, with what each hands
/// over; each day opens on its own page where a supervisor can close it for a cashier who left without closing.
/// </summary>
[RequiresPermission(PaymentsPermissions.CounterApprove)]
public sealed class DaysModel(IMediator mediator) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    public IReadOnlyList<CashierDaySummary> Days { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public LocalDate? Shown { get; private set; }

    public async Task OnGetAsync()
    {
        LocalDate? date = null;
        if (Date is { Length: > 0 })
        {
            var parsed = LocalDatePattern.Iso.Parse(Date);
            if (parsed.Success)
            {
                date = parsed.Value;
            }
            else
            {
                ModelState.AddModelError(string.Empty, Text["staff.cashier.date_invalid"]);
                Date = null;
            }
        }

        var days = await mediator.Send(new ListCashierDays(date), HttpContext.RequestAborted);
        if (days.IsFailure)
        {
            AddErrors(days);
            return;
        }

        Days = days.Value;
        Shown = Days.Count > 0 ? Days[0].Date : date;
        var names = await mediator.Send(new GetStaffNames(Days.Select(d => d.StaffId).Distinct().ToList()), HttpContext.RequestAborted);
        Names = names.IsSuccess ? names.Value : Names;
    }

    public string NameOf(Guid staffId) => Names.TryGetValue(staffId, out var name) ? name : staffId.ToString();

    public static string Link(CashierDaySummary day) =>
        $"/staff/cashier/days/{day.StaffId}?centre={Uri.EscapeDataString(day.Centre)}&desk={Uri.EscapeDataString(day.Desk)}&date={LocalDatePattern.Iso.Format(day.Date)}";
}
