using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Demo;
using NodaTime;

namespace Modular.Billing.Demo;

/// <summary>Billing's demo data: water, sewerage and a monthly fee from three years back, and the invoices of the last six months.</summary>
internal sealed class BillingDemoData(BillingDbContext db) : IDemoData
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
            var run = await context.Mediator.Send(new RunBilling(last.PlusMonths(-months)), cancellationToken);
            if (run.IsFailure)
            {
                throw new InvalidOperationException("A demo billing run failed: " + run);
            }
        }
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
