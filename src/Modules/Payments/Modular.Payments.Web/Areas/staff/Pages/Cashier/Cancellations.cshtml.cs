using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;

namespace Modular.Payments.Web.Staff.Cashier;

/// <summary>
/// Cashiers' same-day cancellation requests waiting for a supervisor, who approves (the payment is reversed) or refuses
/// each in their own session (<c>payments.counter.approve</c>).
/// </summary>
[RequiresPermission(PaymentsPermissions.CounterApprove)]
public sealed class CancellationsModel(IMediator mediator) : StaffPageModel
{
    public IReadOnlyList<CounterCancellationView> Pending { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var pending = await mediator.Send(new ListPendingCounterCancellations(), HttpContext.RequestAborted);
        if (pending.IsSuccess)
        {
            Pending = pending.Value;
        }
        else
        {
            AddErrors(pending);
        }
    }

    public Task<IActionResult> OnPostApproveAsync(Guid cancellationId) => DecideAsync(cancellationId, approve: true);

    public Task<IActionResult> OnPostRefuseAsync(Guid cancellationId) => DecideAsync(cancellationId, approve: false);

    private async Task<IActionResult> DecideAsync(Guid cancellationId, bool approve)
    {
        var decided = await mediator.Send(new DecideCounterCancellation(cancellationId, approve), HttpContext.RequestAborted);
        if (decided.IsFailure)
        {
            AddErrors(decided);
            await OnGetAsync();
            return Page();
        }

        Message = Text[approve ? "staff.cashier.cancellation_approved" : "staff.cashier.cancellation_refused"];
        return RedirectToPage();
    }
}
