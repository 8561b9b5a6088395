using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Billing.Contracts;
using Modular.Web.Pages;
using NodaTime;
using NodaTime.Text;

namespace Modular.Billing.Web.Pages.Invoices;

/// <summary>The user's invoices, filtered by period range and status.</summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public InvoiceStatus? Status { get; set; }

    public IReadOnlyList<InvoiceSummary> Invoices { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var from = Parse(From, nameof(From));
        var to = Parse(To, nameof(To));
        LocalizeBindingErrors();
        var result = await mediator.Send(new GetInvoices(From: from, To: to, Status: Status), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(From), nameof(To), nameof(Status));
            return;
        }

        Invoices = result.Value;
    }

    private YearMonth? Parse(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parsed = YearMonthPattern.Iso.Parse(value.Trim());
        if (!parsed.Success)
        {
            ModelState.AddModelError(field, Text["web.invalid_period"]);
            return null;
        }

        return parsed.Value;
    }
}
