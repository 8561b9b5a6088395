using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>The back office's inbox: who may read it and what it lists.</summary>
public abstract class InboxTests(TestDatabase database) : IAsyncLifetime
{
    private RequestsHost _host = null!;

    public async Task InitializeAsync() => _host = await RequestsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Staff_with_requests_read_see_the_inbox_and_customers_are_refused()
    {
        var cashier = await _host.SendAsync(new ListRequests(), RequestsHost.Staff(StaffRoles.Cashier));
        cashier.IsSuccess.ShouldBeTrue(cashier.ToString());

        var customer = await _host.SendAsync(new ListRequests(), Caller.Customer(Guid.NewGuid()));
        customer.Error.Code.ShouldBe(CoreErrors.Forbidden);
    }

    [DbFact]
    public async Task Asking_for_too_many_rows_is_refused()
    {
        var result = await _host.SendAsync(new ListRequests(Take: 501));
        result.Error.Code.ShouldBe("requests.take_invalid");
    }
}

public sealed class SqliteInboxTests(SqliteDatabase database) : InboxTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresInboxTests(PostgresDatabase database) : InboxTests(database), IClassFixture<PostgresDatabase>;
