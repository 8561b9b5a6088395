using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Readings.Contracts;
using Modular.Web.Hooks;

namespace Modular.Readings.Web.Staff;

/// <summary>
/// A reading submitted by staff acting on behalf of the customer (the only way staff submit one here): Readings applies
/// its rules to the caller's scope – the customer acted for – and records the staff channel; Core audits both ids.
/// </summary>
[RequiresPermission(ReadingsPermissions.Submit)]
public sealed class SubmitReadingModel(IMediator mediator) : StaffPageModel
{
    [TempData]
    public string? ReadingMessage { get; set; }

    public IActionResult OnGet() => Redirect("/staff/customers");

    public async Task<IActionResult> OnPostAsync(Guid customerId, Guid meterId, string? index, bool confirmWarnings)
    {
        if (ActingFor?.CustomerId != customerId)
        {
            // Submitting for a customer is acting on their behalf: start it (with a reason) first.
            ReadingMessage = Text["staff.readings.not_acting"];
            return Redirect($"/staff/customers/{customerId}");
        }

        if (!IndexInput.TryParse(index, out var value))
        {
            ReadingMessage = Text["staff.readings.index_invalid"];
            return Redirect($"/staff/customers/{customerId}");
        }

        var result = await mediator.Send(new SubmitReading(meterId, value, confirmWarnings), HttpContext.RequestAborted);
        ReadingMessage = !result.IsSuccess ? string.Join(" ", result.Errors.Select(Text.Describe))
            : result.Value.Stored ? Text.Get("staff.readings.stored", ("consumption", result.Value.Consumption))
            : string.Join(" ", result.Warnings.Select(Text.Describe).Prepend(Text["staff.readings.needs_confirmation"]));
        return Redirect($"/staff/customers/{customerId}");
    }
}
