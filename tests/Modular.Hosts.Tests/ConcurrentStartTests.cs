using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Hosts.Tests;

/// <summary>Real host processes starting together on one new database: each migration runs once, every host comes up.</summary>
public abstract class ConcurrentStartTests(TestDatabase database) : IAsyncLifetime
{
    private TestDatabase _fresh = null!;

    public async Task InitializeAsync() => _fresh = await database.CreateSiblingAsync();

    public Task DisposeAsync() => _fresh.DisposeAsync();

    [DbFact]
    public async Task Four_web_hosts_started_at_once_on_one_empty_database_all_become_ready()
    {
        var folder = Directory.CreateTempSubdirectory("modular-four").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Modular__Storage__Provider"] = _fresh.Storage.Provider.ToString(),
            ["Modular__Storage__ConnectionString"] = _fresh.Storage.ConnectionString,
            ["Modular__DataFolder"] = folder,
            ["Modular__Demo__Enabled"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        };
        var hosts = Enumerable.Range(0, 4).Select(_ => HostProcess.Start("Modular.Web.Host", folder, environment, web: true)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.WaitUntilReadyAsync(TimeSpan.FromMinutes(4))));

            foreach (var host in hosts)
            {
                host.HasExited.ShouldBeFalse();
                host.Output.ShouldNotContain("23505");
                host.Output.ShouldNotContain("Unhandled exception");
            }

            // One host applied the migrations; the others waited for its lock and found nothing left to do.
            hosts.Count(h => h.Output.Contains("Migrating module Payments", StringComparison.Ordinal)).ShouldBe(1);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }
}

public sealed class SqliteConcurrentStartTests(SqliteDatabase database) : ConcurrentStartTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresConcurrentStartTests(PostgresDatabase database) : ConcurrentStartTests(database), IClassFixture<PostgresDatabase>;
