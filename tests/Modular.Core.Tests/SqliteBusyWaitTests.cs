using Microsoft.EntityFrameworkCore;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>A writer that finds SQLite's write lock taken waits inside SQLite, not in the driver's 150 ms sleeps.</summary>
public sealed class SqliteBusyWaitTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Every_module_connection_waits_for_the_write_lock_inside_sqlite_for_the_command_timeout()
    {
        await using var host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));

        var timeout = await host.WithContextAsync<CountersDbContext, long>(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            return (long)(await command.ExecuteScalarAsync())!;
        });

        timeout.ShouldBe(database.Storage.CommandTimeoutSeconds * 1000L);
        timeout.ShouldBeGreaterThan(0);
    }
}
