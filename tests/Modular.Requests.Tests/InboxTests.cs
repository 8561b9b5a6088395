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
    public async Task The_inbox_pages_back_after_the_last_number_shown_and_finds_one_request_by_its_number_in_any_case()
    {
        var (customer, user) = _host.CustomerWithUser();
        var numbers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Two at one instant: the number orders them, and no page repeats or skips one.
            if (i != 3)
            {
                _host.SetLocal(2026, 11, 20 + i, 9);
            }

            numbers.Add((await _host.SubmitAsync(user)).Number);
        }

        var newestFirst = numbers.AsEnumerable().Reverse().ToList();
        var pages = new List<string>();
        string? after = null;
        do
        {
            var page = (await _host.SendAsync(new ListRequests(CustomerId: customer.CustomerId, Take: 2, After: after))).Value;
            page.Count.ShouldBeLessThanOrEqualTo(2);
            pages.AddRange(page.Select(r => r.Number));
            after = page.Count == 2 ? page[^1].Number : null;
        }
        while (after is not null);

        pages.ShouldBe(newestFirst);
        var found = (await _host.SendAsync(new ListRequests(Number: " " + numbers[2].ToLowerInvariant() + " "))).Value;
        found.ShouldHaveSingleItem().Number.ShouldBe(numbers[2]);
        (await _host.SendAsync(new ListRequests(Number: "CR-1999-000001"))).Value.ShouldBeEmpty();
        (await _host.SendAsync(new ListRequests(After: "CR-1999-000001"))).Error.Code.ShouldBe("requests.request_not_found");
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
