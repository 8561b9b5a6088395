using System.Net;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>A portal with the first-run demo data and two customers' users, Alice (100001) and Bob (100002), shared by a test class.</summary>
public abstract class DemoPortal(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public const string Password = "Ceai-de-tei-la-munte-7";

    public PortalFactory Portal { get; private set; } = null!;

    /// <summary>The database under <see cref="Portal"/>, for a second instance on it.</summary>
    public TestDatabase Database => database;

    public Party Alice { get; private set; } = null!;

    public Party Bob { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Modular:Demo:Enabled"] = "true" };
        Portal = new PortalFactory(database, configuration);
        _ = Portal.Server;
        // The demo data's events (invoices, receipts) are delivered before any test starts: a user a test links to a demo
        // customer must not receive the first run's mails.
        await Portal.Services.DrainOutboxAsync();

        Alice = await PartyAsync("alice@example.com", "100001");
        Bob = await PartyAsync("bob@example.com", "100002");
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await database.DisposeAsync();
    }

    public async Task<T> AsSystemAsync<T>(Func<IMediator, Task<T>> action)
    {
        await using var scope = Portal.Services.GetRequiredService<ILifetimeScope>()
            .BeginCallerScope(Caller.System);
        return await action(scope.Resolve<IMediator>());
    }

    /// <summary>A client logged in through the real log-in page.</summary>
    public async Task<HttpClient> LogInAsync(Party party)
    {
        var client = Portal.Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var response = await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", party.Email), ("Password", Password));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    private async Task<Party> PartyAsync(string email, string clientCode) => await AsSystemAsync(async mediator =>
    {
        var userId = (await mediator.Send(new EnsureDemoUser(email, Password, clientCode))).Value;
        var customer = (await mediator.Send(new FindCustomerByClientCode(clientCode))).Value;
        var invoices = (await mediator.Send(new GetInvoices(CustomerId: customer.CustomerId))).Value;
        var contracts = (await mediator.Send(new ListContracts(null, 1000))).Value.Where(c => c.CustomerId == customer.CustomerId).ToList();
        var meters = new List<MeterView>();
        foreach (var contract in contracts)
        {
            meters.AddRange((await mediator.Send(new GetMetersForContract(contract.ContractId))).Value);
        }

        return new Party(userId, email, customer, invoices, meters);
    });
}

public sealed record Party(Guid UserId, string Email, CustomerSummary Customer, IReadOnlyList<InvoiceSummary> Invoices, IReadOnlyList<MeterView> Meters);

public sealed class SqliteDemoPortal() : DemoPortal(new SqliteDatabase());

public sealed class PostgresDemoPortal() : DemoPortal(new PostgresDatabase());
