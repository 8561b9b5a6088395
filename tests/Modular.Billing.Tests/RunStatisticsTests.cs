using Microsoft.EntityFrameworkCore;
using Modular.Billing.Persistence;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

/// <summary>
/// A run keeps PostgreSQL's idea of the invoices table current while it grows it, so the page's look-ups stay index
/// look-ups (SQLite's planner takes the index whatever it knows).
/// </summary>
[Postgres]
public sealed class RunStatisticsTests(PostgresDatabase database) : BillingTestBase(database), IClassFixture<PostgresDatabase>
{
    [DbFact]
    public async Task A_run_that_grows_the_invoices_table_refreshes_its_planner_statistics_on_the_way()
    {
        await StandardTariffsAsync();
        var before = await EstimatedRowsAsync();
        for (var i = 0; i < 45; i++)
        {
            World.SetConsumption(World.AddContract(), October, 5m);
        }

        var report = await RunAsync(October);

        report.Issued.ShouldBe(45);
        // Refreshed each time the run doubled what it issued (pages of 10: after 10, 20 and 40 invoices).
        var estimated = await EstimatedRowsAsync();
        estimated.ShouldBeGreaterThanOrEqualTo(before + 40);
    }

    private Task<double> EstimatedRowsAsync() => Host.WithContextAsync<BillingDbContext, double>(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = 'billing.invoices'::regclass";
        return Convert.ToDouble(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    });
}
