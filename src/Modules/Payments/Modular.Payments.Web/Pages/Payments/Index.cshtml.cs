using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Money;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Web.Pages;
using NodaTime;

namespace Modular.Payments.Web.Pages.Payments;

/// <summary>The user's payments with their channel, status and receipt, a chart of the money paid per month, and the CSV export.</summary>
public sealed class IndexModel(IMediator mediator, UtilityClock clock) : PortalPageModel
{
    /// <summary>Months the chart covers, the current one included.</summary>
    public const int ChartMonths = 12;

    public IReadOnlyList<PaymentSummary> Payments { get; private set; } = [];

    public IReadOnlyList<PaidInMonth> Chart { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var result = await mediator.Send(new GetMyPayments(500), HttpContext.RequestAborted);
        var all = result.IsSuccess ? result.Value : [];
        Payments = all.Take(100).ToList();
        Chart = PaidPerMonth(all, clock);
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var export = await mediator.Send(new ExportMyPayments(), HttpContext.RequestAborted);
        if (export.IsFailure)
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(export.Value.Content), "text/csv; charset=utf-8", export.Value.FileName);
    }

    /// <summary>Whether a payment has a receipt to show: money received, even if refunded later.</summary>
    public static bool HasReceipt(PaymentSummary payment) => payment.Status is not (PaymentStatus.Pending or PaymentStatus.Declined);

    /// <summary>
    /// Money received per month (by value date) over the last <see cref="ChartMonths"/> months, in the currency of the
    /// latest payment; months without payments count as zero so the bars keep their places.
    /// </summary>
    public static IReadOnlyList<PaidInMonth> PaidPerMonth(IReadOnlyList<PaymentSummary> payments, UtilityClock clock)
    {
        var received = payments.Where(HasReceipt).ToList();
        if (received.Count == 0)
        {
            return [];
        }

        var currency = received[0].Amount.Currency;
        var today = clock.Today;
        var last = new YearMonth(today.Year, today.Month);
        var totals = received.Where(p => p.Amount.Currency == currency)
            .GroupBy(p => (p.ValueDate ?? clock.DateOf(p.CreatedAt)).ToYearMonth())
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Amount.Amount));
        return Enumerable.Range(0, ChartMonths).Select(i => last.PlusMonths(i - ChartMonths + 1))
            .Select(m => new PaidInMonth(m, new Money(totals.GetValueOrDefault(m), currency))).ToList();
    }
}

public sealed record PaidInMonth(YearMonth Period, Money Paid);
