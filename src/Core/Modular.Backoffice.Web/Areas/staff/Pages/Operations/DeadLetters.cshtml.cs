using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Access;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Web.Hooks;
using NodaTime;
using NodaTime.Text;

namespace Modular.Backoffice.Web.Pages.Operations;

/// <summary>The outbox's dead letters: listed with <c>core.operations.read</c>; retried or dropped with <c>core.operations.manage</c>.</summary>
[RequiresPermission(CorePermissions.OperationsRead)]
public sealed class DeadLettersModel(IMediator mediator, StaffPermissions permissions, UtilityClock clock) : StaffPageModel
{
    private static readonly LocalDateTimePattern Display = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");

    public DeadLetterPage? Letters { get; private set; }

    public bool CanManage { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public string Format(Instant instant) => Display.Format(instant.InZone(clock.Zone).LocalDateTime);

    public async Task OnGetAsync(int page = 1)
    {
        CanManage = permissions.Grants(Session?.Roles ?? [], CorePermissions.OperationsManage);
        var result = await mediator.Send(new ListDeadLetters(Math.Max(page, 1), 50), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            Letters = result.Value;
        }
        else
        {
            AddErrors(result);
        }
    }

    // Each request is checked again by Core: without core.operations.manage both answer core.forbidden and change nothing.
    public async Task<IActionResult> OnPostRetryAsync(string consumer, Guid messageId)
    {
        var result = await mediator.Send(new RetryDeadLetters(consumer, messageId), HttpContext.RequestAborted);
        return await AfterAsync(result, result.IsSuccess ? Text.Get("staff.dead_letters.retried", ("count", result.Value)) : null);
    }

    public async Task<IActionResult> OnPostDropAsync(string consumer, Guid messageId)
    {
        var result = await mediator.Send(new DropDeadLetter(consumer, messageId), HttpContext.RequestAborted);
        return await AfterAsync(result, Text["staff.dead_letters.dropped"]);
    }

    private async Task<IActionResult> AfterAsync(Modular.Core.Results.Result result, string? message)
    {
        if (result.IsSuccess)
        {
            Message = message;
            return RedirectToPage();
        }

        AddErrors(result);
        await OnGetAsync();
        return Page();
    }
}
