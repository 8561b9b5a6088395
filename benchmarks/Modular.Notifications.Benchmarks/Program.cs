using System.Diagnostics;
using System.Globalization;
using Autofac;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Events;
using Modular.Notifications;
using Modular.Notifications.Benchmarks;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using Modular.Readings.Contracts;
using Npgsql;
using NodaTime;

// "Window opens" fan-out benchmark: Readings' ReadingWindowOpened delivered to the Notifications consumer, which pages
// through every contract (Accounts' ListContracts), asks for their users (GetContactsOfCustomers), applies preferences and
// quiet hours and queues one email message per user through the module's bulk writer (unique key, ON CONFLICT DO NOTHING).
// The floor, in the same run on the same database: a bare insert of the same rows (same table, same columns, no
// preferences, no conflict clause) in one transaction. Usage:
//   dotnet run -c Release --project benchmarks/Modular.Notifications.Benchmarks -- [customers=1000000] [sqlite|postgres|both]
// PostgreSQL: MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES (a server connection string whose user may create databases).
var customers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var providers = args.Length > 1 ? args[1].ToLowerInvariant() : "both";
var server = Environment.GetEnvironmentVariable("MODULAR_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("MODULAR_TEST_POSTGRES");
Generated.Customers = customers;
Console.WriteLine($"Notifications fan-out benchmark: {customers:N0} customers (one contract, one user each), {Environment.ProcessorCount} cores");

foreach (var provider in new[] { "sqlite", "postgres" }.Where(p => providers == "both" || providers == p))
{
    if (provider == "postgres" && string.IsNullOrWhiteSpace(server))
    {
        Console.WriteLine("postgres: skipped (set MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES)");
        continue;
    }

    var (connection, drop) = await CreateDatabaseAsync(provider, server);
    try
    {
        await RunAsync(provider, connection);
    }
    finally
    {
        await drop();
    }
}

async Task RunAsync(string provider, string connection)
{
    using var host = await StartHostAsync(provider, connection);
    var root = host.Services.GetRequiredService<ILifetimeScope>();
    var clock = root.Resolve<IClock>();

    // 1. The floor: the same rows, written the cheapest way the table allows.
    using (var memory = new MemoryMeter())
    {
        var floor = Stopwatch.StartNew();
        await using (var scope = root.BeginLifetimeScope(b => b.RegisterInstance(Caller.System).As<ICurrentUser>()))
        {
            var db = scope.Resolve<NotificationsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = clock.GetCurrentInstant();
            for (var start = 0; start < customers; start += 5_000)
            {
                var rows = Enumerable.Range(start, Math.Min(5_000, customers - start)).Select(i => Row(i, now)).ToList();
                await BareInsert.WriteAsync(db, rows);
                memory.Sample();
            }

            await transaction.CommitAsync();
        }

        floor.Stop();
        Console.WriteLine($"{provider}: floor bare insert:   {customers / floor.Elapsed.TotalSeconds,12:N0} rows/s  ({floor.Elapsed.TotalSeconds:N1} s, " +
            $"peak managed {memory.PeakManagedMb} MB, peak working set {memory.PeakWorkingSetMb} MB)");
        await using var clean = root.BeginLifetimeScope();
        await clean.Resolve<NotificationsDbContext>().Messages.ExecuteDeleteAsync();
    }

    // 2. The fan-out, as the outbox delivers the event to the consumer.
    using (var memory = new MemoryMeter())
    {
        var opened = new ReadingWindowOpened(Guid.NewGuid(), clock.GetCurrentInstant(), new YearMonth(2026, 11), new LocalDate(2026, 11, 25),
            new LocalDate(2026, 11, 30));
        var fanOut = Stopwatch.StartNew();
        await using (var scope = root.BeginLifetimeScope(b => b.RegisterInstance(Caller.System).As<ICurrentUser>()))
        {
            var consumer = scope.Resolve<IEnumerable<IIntegrationEventHandler<ReadingWindowOpened>>>().Single();
            using var sampler = memory.SampleEvery(TimeSpan.FromMilliseconds(200));
            await consumer.HandleAsync(opened, CancellationToken.None);
        }

        fanOut.Stop();
        await using var count = root.BeginLifetimeScope();
        var queued = await count.Resolve<NotificationsDbContext>().Messages.CountAsync();
        Console.WriteLine($"{provider}: window-opens fan-out: {queued / fanOut.Elapsed.TotalSeconds,12:N0} messages/s ({queued:N0} queued in " +
            $"{fanOut.Elapsed.TotalSeconds:N1} s, peak managed {memory.PeakManagedMb} MB, peak working set {memory.PeakWorkingSetMb} MB)");
    }
}

NotificationMessage Row(int index, Instant now) => new()
{
    Id = Guid.CreateVersion7(),
    UserId = Generated.UserId(index),
    CustomerId = Generated.CustomerId(index),
    ContractId = Generated.ContractId(index),
    Type = NotificationTypes.WindowOpens,
    SubjectKey = $"window:2026-11:{Generated.ContractId(index)}",
    Channel = NotificationChannel.Email,
    Address = $"client{index}@bench.example",
    Culture = "ro",
    Template = "window-opens",
    Model = """{"period":{"$month":"2026-11"},"opensOn":{"$date":"2026-11-25"},"closesOn":{"$date":"2026-11-30"},"about":"CL00000001 · C00000001 · Str. Lungă 1, Brașov"}""",
    Status = NotificationStatus.Pending,
    CreatedAt = now,
    NotBefore = now,
};

async Task<IHost> StartHostAsync(string provider, string connection)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        DisableDefaults = true, EnvironmentName = "Benchmark", ContentRootPath = Path.GetTempPath(),
    });
    builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Modular:Storage:Provider"] = provider == "sqlite" ? "Sqlite" : "Postgres",
        ["Modular:Storage:ConnectionString"] = connection,
        ["Modular:Storage:CommandTimeoutSeconds"] = "600",
        ["Modular:Outbox:DispatchEnabled"] = "false",
        ["Modular:Links:Portal"] = "https://portal.example",
    });
    builder.AddModular(m => m.AddModule(new StandInModule("Accounts")).AddNotifications());
    var host = builder.Build();
    await host.StartAsync();
    return host;
}

static async Task<(string Connection, Func<Task> Drop)> CreateDatabaseAsync(string provider, string? server)
{
    if (provider == "sqlite")
    {
        var path = Path.Combine(Path.GetTempPath(), $"modular-notifications-bench-{Guid.NewGuid():N}.db");
        return ($"Data Source={path};Default Timeout=600", () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return Task.CompletedTask;
        });
    }

    var name = $"modular_bench_{Guid.NewGuid():N}";
    await ExecuteAsync(server!, $"CREATE DATABASE \"{name}\"");
    return (new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, async () =>
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    });

    static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
