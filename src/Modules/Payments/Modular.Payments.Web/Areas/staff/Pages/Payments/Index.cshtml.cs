using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Backoffice.Web;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;
using NodaTime;

namespace Modular.Payments.Web.Staff;

/// <summary>Payment search: a reference, receipt number, client code, amount or payer text, days, channel and status.</summary>
[RequiresPermission(PaymentsPermissions.Read)]
public sealed class PaymentSearchModel(IMediator mediator) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Customer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public PaymentChannel? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public PaymentStatus? Status { get; set; }

    public IReadOnlyList<PaymentSummary>? Results { get; private set; }

    public async Task OnGetAsync()
    {
        var from = Day(From, nameof(From));
        var to = Day(To, nameof(To));
        if (!ModelState.IsValid || (Q is null && Customer is null && From is null && To is null && Channel is null && Status is null))
        {
            return;
        }

        var result = await mediator.Send(new SearchPayments(Q, Customer, from, to, Channel, Status, SearchPayments.MaxTake), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result);
            return;
        }

        Results = result.Value;
    }

    /// <summary>A day as the date field sends it (ISO); anything else is refused at its field.</summary>
    private LocalDate? Day(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            ModelState.AddModelError(field, Text["staff.payments.date_invalid"]);
            return null;
        }

        return parsed.Value;
    }
}
