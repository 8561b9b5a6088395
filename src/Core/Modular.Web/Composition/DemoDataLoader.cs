using Autofac;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Demo;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Readings.DemoData;
using Modular.Web.Platform;
using NodaTime;

namespace Modular.Web.Composition;

/// <summary>
/// First run: loads demo customers, meters with two years of readings, tariffs, six months of invoices and some
/// payments into an empty database, and a demo login. Runs once: a database with any contract is left alone.
/// </summary>
internal sealed class DemoDataLoader(ILifetimeScope root, IOptions<WebOptions> options, UtilityClock clock, DemoCredentials credentials,
    ILogger<DemoDataLoader> logger) : IHostedService
{
    public const int Customers = 25;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadDemoData)
        {
            return;
        }

        await using var scope = root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
        var mediator = scope.Resolve<IMediator>();
        var existing = await mediator.Send(new ListContracts(null, 1), cancellationToken);
        if (existing.IsSuccess && existing.Value.Count == 0)
        {
            await LoadAsync(mediator, cancellationToken);
        }

        var user = await mediator.Send(new EnsureDemoUser(DemoCustomers.DemoUserEmail, DemoCustomers.DemoUserPassword, DemoCustomers.FirstClientCode),
            cancellationToken);
        if (user.IsSuccess)
        {
            credentials.Add(DemoCustomers.DemoUserEmail, DemoCustomers.DemoUserPassword);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadAsync(IMediator mediator, CancellationToken ct)
    {
        var today = clock.Today;
        var lastPeriodEnd = today.With(DateAdjusters.StartOfMonth).PlusDays(-1);
        var tariffsFrom = lastPeriodEnd.PlusYears(-3);
        Check(await mediator.Send(new AddTariff(TariffService.Water, "Apă potabilă", 5.12m, 0.11m, "RON", tariffsFrom), ct));
        Check(await mediator.Send(new AddTariff(TariffService.Sewerage, "Canalizare", 4.35m, 0.11m, "RON", tariffsFrom), ct));
        Check(await mediator.Send(new AddTariff(TariffService.FixedMonthlyFee, "Abonament", 3.50m, 0.19m, "RON", tariffsFrom), ct));
        Check(await mediator.Send(new SeedDemoCustomers(1, Customers), ct));

        var contracts = Check(await mediator.Send(new ListContracts(null, 10_000), ct));
        await ReadingsDemoData.SeedAsync(mediator, contracts.Select(c => c.ContractId).ToList(), lastPeriodEnd, 1, ct);

        var lastPeriod = new YearMonth(lastPeriodEnd.Year, lastPeriodEnd.Month);
        for (var months = 5; months >= 0; months--)
        {
            Check(await mediator.Send(new RunBilling(lastPeriod.PlusMonths(-months)), ct));
        }

        // The older invoices of every customer are paid at a collection centre; the last two stay open to pay online.
        var open = Check(await mediator.Send(new GetOpenInvoices(contracts.Select(c => c.CustomerId).Distinct().ToList()), ct));
        foreach (var invoice in open.GroupBy(i => i.ContractId).SelectMany(g => g.OrderBy(i => i.Period).SkipLast(2)))
        {
            Check(await mediator.Send(new RecordCounterPayment(invoice.ClientCode, [invoice.InvoiceId], invoice.Remaining.Amount,
                invoice.Remaining.Currency.Code, CounterChannel.Cash, "Casieria centrală", "T1", "demo", "demo-" + invoice.Number), ct));
        }

        logger.LogWarning("Loaded demo data: {Customers} customers, {Contracts} contracts with meters and two years of readings, invoices of six months",
            Customers, contracts.Count);
    }

    private static T Check<T>(Core.Results.Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException("Demo data could not be loaded: " + result);
}
