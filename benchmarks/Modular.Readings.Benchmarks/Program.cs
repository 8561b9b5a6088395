using System.Globalization;
using Modular.Core.Persistence;
using Modular.Readings.Benchmarks;
using Npgsql;

// Reading submissions through the module (mediator, validation, access, rules, locking, supersede, outbox) for meters with
// a short and a long history, against a floor measured in the same run and database: the same reading rows written by
// prepared single-row INSERTs on one connection, each committed on its own (a submission commits once too). Also sends
// 16 submissions for one meter at once and counts the answers.
// Usage: dotnet run -c Release --project benchmarks/Modular.Readings.Benchmarks -- [sqlite|postgres|all] [meters] [rounds] [long-history]
var provider = args.Length > 0 ? args[0].ToLowerInvariant() : "all";
var meters = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var longHistory = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10_000;
var settings = new BenchSettings(meters, rounds, 10, longHistory);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Readings benchmark: {meters} meters per history length ({settings.ShortHistory} and {longHistory:N0} readings), {rounds} submissions each, one caller, {Environment.ProcessorCount} cores, load {Bench.Load()}"));

if (provider is "sqlite" or "all")
{
    var path = Path.Combine(Path.GetTempPath(), $"modular-bench-{Guid.NewGuid():N}.db");
    try
    {
        await Bench.RunAsync("SQLite", new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={path};Default Timeout=60" }, settings);
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
            await Bench.RunAsync("PostgreSQL", new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connection }, settings);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Bench.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }
}

Console.WriteLine($"load {Bench.Load()}");
