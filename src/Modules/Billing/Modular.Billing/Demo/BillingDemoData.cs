using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Microsoft.Extensions.Options;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Demo;
using NodaTime;

namespace Modular.Billing.Demo;

/// <summary>
/// Billing's demo data: water, sewerage and a monthly fee from three years back, and the invoices of the last six months, each
/// month's dated as issued early in the next month; those past due are overdue.
/// </summary>
internal sealed class BillingDemoData(BillingDbContext db, IOptions<BillingOptions> options) : IDemoData
{
    public const int Months = 6;

    public async Task<bool> HasDataAsync(CancellationToken cancellationToken) =>
        await db.Tariffs.AnyAsync(cancellationToken) || await db.Invoices.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        var lastPeriodEnd = context.Today.With(DateAdjusters.StartOfMonth).PlusDays(-1);
        var from = lastPeriodEnd.PlusYears(-3);
        // A repeated load adds only the tariffs still missing; billing runs are idempotent per period.
        await TariffAsync(context, TariffService.Water, "Apă potabilă", 5.12m, 0.11m, from, cancellationToken);
        await TariffAsync(context, TariffService.Sewerage, "Canalizare", 4.35m, 0.11m, from, cancellationToken);
        await TariffAsync(context, TariffService.FixedMonthlyFee, "Abonament", 3.50m, 0.19m, from, cancellationToken);

        var last = new YearMonth(lastPeriodEnd.Year, lastPeriodEnd.Month);
        for (var months = Months - 1; months >= 0; months--)
        {
            var period = last.PlusMonths(-months);
            var run = await context.Mediator.Send(new RunBilling(period), cancellationToken);
            if (run.IsFailure)
            {
                throw new InvalidOperationException("A demo billing run failed: " + run);
            }

            await DateAsIssuedAsync(period, context.Today, cancellationToken);
        }

        // Past their due date and not paid: overdue, as the nightly job would have marked them (Payments' demo then pays
        // the older ones, which turns them paid).
        var overdue = await context.Mediator.Send(new MarkOverdueInvoices(), cancellationToken);
        if (overdue.IsFailure)
        {
            throw new InvalidOperationException("The demo invoices could not be marked overdue: " + overdue);
        }
    }

    /// <summary>
    /// The runs all happen today; a utility issues each month's invoices early in the next month. The period's invoices get
    /// that issue date (the 5th, or today for the month just ended if that is earlier) and due and grace dates after it.
    /// Setting the same dates again is harmless, so a repeated load may do it again.
    /// </summary>
    private async Task DateAsIssuedAsync(YearMonth period, LocalDate today, CancellationToken cancellationToken)
    {
        var issued = period.PlusMonths(1).OnDayOfMonth(5);
        issued = issued > today ? today : issued;
        var due = issued.PlusDays(options.Value.DueDays);
        var grace = due.PlusDays(options.Value.GraceDays);
        await db.Invoices.Where(i => i.Period == period && i.Source == InvoiceSource.Run)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.IssueDate, issued).SetProperty(i => i.DueDate, due).SetProperty(i => i.GraceDate, grace),
                cancellationToken);
    }

    private static async Task TariffAsync(DemoDataContext context, TariffService service, string name, decimal price, decimal vat, LocalDate from,
        CancellationToken cancellationToken)
    {
        var existing = await context.Mediator.Send(new GetTariffs(service), cancellationToken);
        if (existing.IsSuccess && existing.Value.Count > 0)
        {
            return;
        }

        var added = await context.Mediator.Send(new AddTariff(service, name, price, vat, "RON", from), cancellationToken);
        if (added.IsFailure)
        {
            throw new InvalidOperationException("A demo tariff could not be added: " + added);
        }
    }
}
