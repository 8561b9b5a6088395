using System.Net;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Accounts.Demo;
using Modular.Core.Access;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// The shipped portal's demo data: loaded only when asked for (the host's Development settings ask), only into an empty
/// database, never resetting the demo user's password or links, and refused in Production.
/// </summary>
public abstract class DemoDataTests(TestDatabase database)
{
    private static readonly Dictionary<string, string?> Asked = new() { ["Modular:Demo:Enabled"] = "true" };

    [DbFact]
    public async Task Started_in_Development_the_shipped_host_loads_the_demo_and_tells_its_login()
    {
        var fresh = await database.CreateSiblingAsync();
        try
        {
            await using var portal = new PortalFactory(fresh) { Environment = "Development" };
            (await LogInAsync(portal, DemoCustomers.DemoUserPassword)).ShouldBe(HttpStatusCode.Redirect);
            portal.Log.ShouldContain($"Demo login: {DemoCustomers.DemoUserEmail} / {DemoCustomers.DemoUserPassword}");
            (await ContractsAsync(portal)).Select(c => c.ClientCode).Distinct().Count().ShouldBe(DemoCustomers.Count);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task Without_being_asked_the_portal_loads_no_demo_data()
    {
        var fresh = await database.CreateSiblingAsync();
        try
        {
            await using var portal = new PortalFactory(fresh);
            (await ContractsAsync(portal)).ShouldBeEmpty();
            (await LogInAsync(portal, DemoCustomers.DemoUserPassword)).ShouldBe(HttpStatusCode.OK, "the demo login must not exist");
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task A_restart_never_resets_the_demo_users_password_or_links()
    {
        var fresh = await database.CreateSiblingAsync();
        const string changed = "Un-alt-munte-cu-izvoare-9";
        try
        {
            await using (var first = new PortalFactory(fresh, Asked))
            {
                var user = (await AsSystemAsync(first, m => m.Send(new LogIn(DemoCustomers.DemoUserEmail, DemoCustomers.DemoUserPassword)))).Value;
                (await AsUserAsync(first, user.UserId, m => m.Send(new ChangePassword(DemoCustomers.DemoUserPassword, changed, changed)))).IsSuccess.ShouldBeTrue();
                (await AsUserAsync(first, user.UserId, m => m.Send(new UnlinkClientCode(DemoCustomers.FirstClientCode)))).IsSuccess.ShouldBeTrue();
            }

            await using var second = new PortalFactory(fresh, Asked);
            (await LogInAsync(second, DemoCustomers.DemoUserPassword)).ShouldBe(HttpStatusCode.OK, "the published password must stay changed");
            var again = await AsSystemAsync(second, m => m.Send(new LogIn(DemoCustomers.DemoUserEmail, changed)));
            again.IsSuccess.ShouldBeTrue();
            (await AsUserAsync(second, again.Value.UserId, m => m.Send(new GetProfile()))).Value.Customers.ShouldBeEmpty();
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task A_database_with_the_utilitys_own_customers_gets_no_demo_data()
    {
        var fresh = await database.CreateSiblingAsync();
        try
        {
            await using (var plain = new PortalFactory(fresh))
            {
                (await AsSystemAsync(plain, m => m.Send(new SeedDemoCustomers(Seed: 77, Count: 2)))).IsSuccess.ShouldBeTrue();
            }

            await using var asked = new PortalFactory(fresh, Asked);
            (await ContractsAsync(asked)).Select(c => c.ClientCode).Distinct().Count().ShouldBe(2);
            (await LogInAsync(asked, DemoCustomers.DemoUserPassword)).ShouldBe(HttpStatusCode.OK, "no demo login on a database with data");
            asked.Log.ShouldContain(m => m.Contains("database is not empty", StringComparison.Ordinal));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task In_Production_the_portal_asked_for_demo_data_refuses_to_start_and_says_why()
    {
        var fresh = await database.CreateSiblingAsync();
        try
        {
            await using var portal = new PortalFactory(fresh, Asked) { Environment = "Production" };
            var failure = Should.Throw<Exception>(() => portal.Server).ToString();
            failure.ShouldContain("Modular:Demo:Enabled");
            failure.ShouldContain("never loaded in Production");
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    /// <summary>Logs in with the demo address through the real page: 302 when it worked, 200 (the form with an error) when not.</summary>
    private static async Task<HttpStatusCode> LogInAsync(PortalFactory portal, string password)
    {
        var client = portal.Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        return (await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", DemoCustomers.DemoUserEmail), ("Password", password))).StatusCode;
    }

    private static async Task<IReadOnlyList<ContractSummary>> ContractsAsync(PortalFactory portal) =>
        (await AsSystemAsync(portal, m => m.Send(new ListContracts(null, 1000)))).Value;

    private static Task<T> AsSystemAsync<T>(PortalFactory portal, Func<IMediator, Task<T>> action) => AsAsync(portal, SystemUser.Instance, action);

    private static Task<T> AsUserAsync<T>(PortalFactory portal, Guid userId, Func<IMediator, Task<T>> action) => AsAsync(portal, Caller.Customer(userId), action);

    private static async Task<T> AsAsync<T>(PortalFactory portal, ICurrentUser user, Func<IMediator, Task<T>> action)
    {
        await using var scope = portal.Services.GetRequiredService<ILifetimeScope>().BeginLifetimeScope(b => b.RegisterInstance(user).As<ICurrentUser>());
        return await action(scope.Resolve<IMediator>());
    }
}

public sealed class SqliteDemoDataTests(SqliteDatabase database) : DemoDataTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDemoDataTests(PostgresDatabase database) : DemoDataTests(database), IClassFixture<PostgresDatabase>;
