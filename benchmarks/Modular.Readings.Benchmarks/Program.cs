using System.Diagnostics;
using System.Globalization;
using Autofac;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Persistence;
using Modular.Core.Testing;
using Modular.Readings;
using Modular.Readings.Contracts;
using Modular.Readings.DemoData;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using NodaTime;
using Npgsql;

// Reading submissions per second through the module (mediator, validation, rules, concurrency token, outbox) against
// a bare baseline that inserts the same reading rows with plain EF, in the same process and database.
// Usage: dotnet run -c Release --project benchmarks/Modular.Readings.Benchmarks -- [sqlite|postgres|all] [meters] [periods]
var provider = args.Length > 0 ? args[0].ToLowerInvariant() : "all";
var meters = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var periods = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
Console.WriteLine($"Readings benchmark: {meters} meters x {periods} periods = {meters * periods} submissions per provider, one caller, {Environment.ProcessorCount} cores");

if (provider is "sqlite" or "all")
{
    var path = Path.Combine(Path.GetTempPath(), $"modular-bench-{Guid.NewGuid():N}.db");
    try
    {
        await Bench.RunAsync("SQLite", new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={path};Default Timeout=60" }, meters, periods);
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

if (provider is "postgres" or "all")
{
    var server = Environment.GetEnvironmentVariable("MODULAR_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("MODULAR_TEST_POSTGRES");
    if (string.IsNullOrWhiteSpace(server))
    {
        Console.WriteLine("PostgreSQL: skipped, set MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES (e.g. Host=localhost;Username=postgres;Password=postgres).");
    }
    else
    {
        var name = $"modular_bench_{Guid.NewGuid():N}";
        await Bench.ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            await Bench.RunAsync("PostgreSQL", new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connection }, meters, periods);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Bench.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }
}

internal static class Bench
{
    public static async Task RunAsync(string label, StorageOptions storage, int meterCount, int periods)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];
        var firstWindow = new LocalDate(2026, 1, 26);
        var clock = FakeClock.At(firstWindow.PlusMonths(-1).At(new LocalTime(12, 0)), zone);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = storage.ConnectionString,
            ["Modular:Outbox:DispatchEnabled"] = "false",
        });
        builder.Logging.ClearProviders();
        builder.AddModular(m => m.UseClock(clock).AddReadings());
        builder.Services.AddScoped<ICurrentUser>(_ => SystemUser.Instance);
        using var host = builder.Build();
        await host.StartAsync();
        var root = host.Services.GetRequiredService<ILifetimeScope>();

        // Two years of history per meter, ending the month before the first measured window.
        var contracts = Enumerable.Range(0, meterCount).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToList();
        DemoReadings demo;
        await using (var scope = root.BeginLifetimeScope())
        {
            demo = await ReadingsDemoData.SeedAsync(scope.Resolve<IMediator>(), contracts, firstWindow.PlusMonths(-1));
        }

        var last = new Dictionary<Guid, decimal>();
        foreach (var id in demo.MeterIds)
        {
            await using var scope = root.BeginLifetimeScope();
            last[id] = (await scope.Resolve<IMediator>().Send(new GetReadingHistory(id, null))).Value[0].Index;
        }

        // Baseline: the same reading rows, one SaveChanges each, in a fresh context as a request would have.
        var options = StorageRegistration.BuildOptions<ReadingsDbContext>(storage, "Readings");
        var baselineMeters = Enumerable.Range(0, meterCount).Select(_ => Guid.NewGuid()).ToList();
        var total = meterCount * periods;
        await BaselineAsync(options, baselineMeters.Take(20).ToList(), 1, firstWindow.PlusMonths(-2), clock); // warm-up
        var baseline = Stopwatch.StartNew();
        await BaselineAsync(options, baselineMeters, periods, firstWindow, clock);
        baseline.Stop();

        var real = Stopwatch.StartNew();
        var failures = 0;
        for (var p = 0; p < periods; p++)
        {
            clock.Set(zone.AtStartOfDay(firstWindow.PlusMonths(p)).ToInstant() + Duration.FromHours(12));
            foreach (var meter in demo.MeterIds)
            {
                last[meter] += 9.5m;
                await using var scope = root.BeginLifetimeScope();
                var result = await scope.Resolve<IMediator>().Send(new SubmitReading(meter, last[meter], ConfirmWarnings: true));
                failures += result.IsSuccess && result.Value.Stored ? 0 : 1;
            }
        }

        real.Stop();
        await host.StopAsync();
        var baselineRate = total / baseline.Elapsed.TotalSeconds;
        var realRate = total / real.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-10} baseline (plain EF insert): {baselineRate,8:F0} rows/s | SubmitReading: {realRate,8:F0} submissions/s | ratio {realRate / baselineRate:F2} | failed {failures}"));
    }

    private static async Task BaselineAsync(Microsoft.EntityFrameworkCore.DbContextOptions<ReadingsDbContext> options, List<Guid> meters, int periods,
        LocalDate firstWindow, FakeClock clock)
    {
        for (var p = 0; p < periods; p++)
        {
            var date = firstWindow.PlusMonths(p);
            foreach (var meter in meters)
            {
                await using var db = new ReadingsDbContext(options);
                db.Readings.Add(new Reading
                {
                    Id = Guid.NewGuid(), MeterId = meter, ContractId = meter, Index = 100m + (9.5m * p), ReadingDate = date,
                    Period = (date.Year * 100) + date.Month, SubmittedAt = clock.GetCurrentInstant(), Source = ReadingSource.CustomerPortal,
                    Quality = ReadingQuality.Actual, Status = ReadingStatus.Accepted, Consumption = 9.5m,
                });
                await db.SaveChangesAsync();
            }
        }
    }

    public static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
