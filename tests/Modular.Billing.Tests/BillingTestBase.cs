using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Composition;
using Modular.Core.Events;
using Modular.Core.Testing;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

/// <summary>
/// A fresh database, a fresh <see cref="BillingWorld"/> and a real host per test: billing with the Accounts and Readings
/// doubles. The clock starts on 2026-11-03 (utility zone), the day the October run issues its invoices.
/// </summary>
public abstract class BillingTestBase(TestDatabase fixture) : IAsyncLifetime
{
    protected static readonly YearMonth September = new(2026, 9);
    protected static readonly YearMonth October = new(2026, 10);

    private TestDatabase _database = null!;

    protected TestHost Host { get; private set; } = null!;

    protected BillingWorld World { get; } = new();

    protected string Series { get; } = "T" + string.Concat(Enumerable.Range(0, 5).Select(_ => (char)('A' + Random.Shared.Next(26))));

    protected TestDatabase Database => _database;

    protected virtual void Configure(ModularBuilder modules)
    {
    }

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _database = await fixture.CreateSiblingAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Modular:Billing:Series"] = Series,
            ["Modular:Billing:RunPageSize"] = "10",
            ["Modular:Billing:DueDays"] = "15",
            ["Modular:Billing:GraceDays"] = "10",
            ["Modular:Billing:IssuerName"] = "Apă Canal Brașov SA",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Host = await TestHost.StartAsync(_database, m =>
        {
            m.AddModule(new AccountsDouble(World)).AddModule(new ReadingsDouble()).AddBilling();
            Configure(m);
        }, settings, new FakeClock(Instant.FromUtc(2026, 11, 3, 8, 0)));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _database.DisposeAsync();
        Cleanup();
    }

    protected virtual void Cleanup()
    {
    }

    protected async Task AddTariffAsync(TariffService service, decimal price, LocalDate from, LocalDate? to = null, decimal vat = 0.11m,
        string currency = "RON", string? name = null)
    {
        var result = await Host.SendAsync(new AddTariff(service, name ?? service.ToString(), price, vat, currency, from, to));
        result.IsSuccess.ShouldBeTrue(result.ToString());
    }

    protected async Task StandardTariffsAsync()
    {
        await AddTariffAsync(TariffService.Water, 5.00m, new LocalDate(2020, 1, 1));
        await AddTariffAsync(TariffService.Sewerage, 4.00m, new LocalDate(2020, 1, 1));
    }

    protected async Task<BillingRunReport> RunAsync(YearMonth period)
    {
        var result = await Host.SendAsync(new RunBilling(period));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    protected async Task<IReadOnlyList<BillingRunState>> RunsAsync(YearMonth period)
    {
        var result = await Host.SendAsync(new GetBillingRuns(period));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    private protected Task<List<Invoice>> InvoicesAsync() =>
        Host.WithContextAsync<BillingDbContext, List<Invoice>>(db => db.Invoices.AsNoTracking().ToListAsync());

    private protected async Task<Invoice> InvoiceOfAsync(Guid contractId, YearMonth period) =>
        (await InvoicesAsync()).Single(i => i.ContractId == contractId && i.Period == period);

    /// <summary>Hands an event to Billing's consumers of it, as the outbox dispatcher does.</summary>
    protected async Task DeliverAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IIntegrationEvent
    {
        await using var scope = Host.BeginScope();
        foreach (var handler in scope.Resolve<IEnumerable<IIntegrationEventHandler<TEvent>>>())
        {
            await handler.HandleAsync(integrationEvent, default);
        }
    }
}
