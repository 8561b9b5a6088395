using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

/// <summary>Balances of several customers at once (the dashboard, the API) agree with each customer's own balance.</summary>
public abstract class BalanceTests(TestDatabase database) : BillingTestBase(database)
{
    [DbFact]
    public async Task Balances_of_several_customers_equal_their_balances_one_by_one()
    {
        await AddTariffAsync(TariffService.Water, 10m, new LocalDate(2020, 1, 1), vat: 0m);
        var owing = World.AddContract(services: Accounts.Contracts.ConnectedServices.Water);
        var inCredit = World.AddContract(services: Accounts.Contracts.ConnectedServices.Water);
        var settled = World.AddContract(services: Accounts.Contracts.ConnectedServices.Water);
        World.SetConsumption(owing, September, 10m);
        World.SetConsumption(inCredit, September, 3m);
        await RunAsync(September);
        await DeliverAsync(Settled(inCredit.CustomerId, 50m));
        var customers = new[] { owing.CustomerId, inCredit.CustomerId, settled.CustomerId };

        var balances = (await Host.SendAsync(new GetBalances([.. customers, owing.CustomerId]))).Value;

        balances.Select(b => b.CustomerId).ShouldBe(customers);
        foreach (var balance in balances)
        {
            balance.ShouldBe((await Host.SendAsync(new GetBalance(balance.CustomerId))).Value);
        }

        balances[0].Due.ShouldBe(Money.Of(100m, "RON"));
        balances[1].Credit.ShouldBe(Money.Of(20m, "RON"));
        balances[1].Due.ShouldBe(Money.Of(-20m, "RON"));
        balances[2].Due.ShouldBe(Money.Of(0m, "RON"));
    }

    [DbFact]
    public async Task A_customer_sees_only_the_balances_of_their_own_customers()
    {
        await AddTariffAsync(TariffService.Water, 10m, new LocalDate(2020, 1, 1), vat: 0m);
        var mine = World.AddContract(services: Accounts.Contracts.ConnectedServices.Water);
        var foreign = World.AddContract(services: Accounts.Contracts.ConnectedServices.Water);
        World.SetConsumption(mine, September, 2m);
        World.SetConsumption(foreign, September, 4m);
        await RunAsync(September);
        var userId = Guid.NewGuid();
        World.UserCustomers[userId] = mine.CustomerId;

        var balances = (await Host.SendAsync(new GetBalances([foreign.CustomerId, mine.CustomerId]), Caller.Customer(userId))).Value;

        balances.ShouldHaveSingleItem().CustomerId.ShouldBe(mine.CustomerId);
        balances[0].Due.ShouldBe(Money.Of(20m, "RON"));
    }

    [DbFact]
    public async Task Too_many_customers_at_once_are_refused()
    {
        var ids = Enumerable.Range(0, GetBalances.MaxCustomers + 1).Select(_ => Guid.NewGuid()).ToList();

        (await Host.SendAsync(new GetBalances(ids))).Error.Code.ShouldBe("core.invalid");
    }

    private PaymentSettled Settled(Guid customerId, decimal amount) =>
        new(Guid.NewGuid(), Host.Clock.GetCurrentInstant(), Guid.NewGuid(), customerId, Money.Of(amount, "RON"), [],
            PaymentChannel.Online, "ref", new LocalDate(2026, 11, 5));
}

public sealed class SqliteBalanceTests(SqliteDatabase database) : BalanceTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresBalanceTests(PostgresDatabase database) : BalanceTests(database), IClassFixture<PostgresDatabase>;
