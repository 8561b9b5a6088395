using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Xunit;

namespace Modular.Hosts.Tests.KioskScreens;

/// <summary>
/// One registered kiosk on a database with the demo data, shared by a test class; started by the first test that asks
/// (so a class skipped for want of a PostgreSQL server starts nothing). With <paramref name="kestrel"/> it listens for a real browser.
/// </summary>
public abstract class KioskHost(TestDatabase database, bool kestrel = false) : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KioskFactory? _kiosk;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> _customersTaken = new();

    public TestDatabase Database => database;

    /// <summary>
    /// Settings of the kiosk under test: small limits so that a test can go over them, and no poster in the background (the
    /// screens post what they take; a test that cuts the database off decides when the kiosk sees it again).
    /// </summary>
    public static IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Modular:Kiosk:MaxCard"] = "3000",
        ["Modular:Kiosk:MaxCash"] = "1500",
        ["Modular:Kiosk:PostInBackground"] = "false",
    };

    public async Task<KioskFactory> KioskAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_kiosk is null)
            {
                await database.InitializeAsync();
                _kiosk = await KioskFactory.StartRegisteredAsync(database, Settings, kestrel: kestrel);
            }

            return _kiosk;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A demo customer with open invoices, another one for each call (tests pay, so they do not share customers).</summary>
    public async Task<(CustomerParty Customer, IReadOnlyList<InvoiceSummary> Open)> CustomerWithOpenInvoicesAsync()
    {
        var kiosk = await KioskAsync();
        return await kiosk.AsSystemAsync(async mediator =>
        {
            var customers = (await mediator.Send(new ListContracts(null, 1000))).Value.Select(c => c.CustomerId).Distinct().ToList();
            var open = (await mediator.Send(new GetOpenInvoices(customers))).Value.Where(i => i.Remaining.Amount > 0m).ToList();
            var candidates = open.GroupBy(i => i.CustomerId)
                .Where(g => g.All(i => i.Paid.Amount == 0m) && g.Sum(i => i.Remaining.Amount) is > 20m and < 1000m && g.First().ClientCode is not ("100001" or "100002"))
                .OrderBy(g => g.First().ClientCode, StringComparer.Ordinal)
                .ToList();
            var parties = (await mediator.Send(new GetCustomerParties(candidates.Select(g => g.Key).ToList()))).Value;
            // Customers with an email on file: the test shows the kiosk does not print it. Each test takes one no other test
            // took (payments of earlier tests take theirs out of the candidates, so a position in the list would repeat).
            var chosen = candidates.Where(g => parties.Any(p => p.CustomerId == g.Key && p.Email is not null)).First(g => _customersTaken.TryAdd(g.Key, 0));
            return (parties.Single(p => p.CustomerId == chosen.Key), (IReadOnlyList<InvoiceSummary>)chosen.OrderBy(i => i.DueDate).ToList());
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_kiosk is not null)
        {
            await _kiosk.DisposeAsync();
            await database.DisposeAsync();
        }

        _gate.Dispose();
    }
}

public sealed class SqliteKioskHost() : KioskHost(new SqliteDatabase());

public sealed class PostgresKioskHost() : KioskHost(new PostgresDatabase());
