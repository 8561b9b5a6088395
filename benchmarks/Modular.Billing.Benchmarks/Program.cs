using System.Diagnostics;
using System.Globalization;
using Autofac;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Billing;
using Modular.Billing.Benchmarks;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Documents.Chromium;
using Npgsql;
using NodaTime;

// Billing run benchmark: the real RunBilling against a floor of the same rows bulk-written in one transaction. Usage:
//   dotnet run -c Release --project benchmarks/Modular.Billing.Benchmarks -- [contracts] [sqlite|postgres|both] [pdf-documents] [page-size]
// PostgreSQL: MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES (a server connection string whose user may create databases).
var contracts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var providers = args.Length > 1 ? args[1].ToLowerInvariant() : "both";
var pdfDocuments = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;
var pageSize = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
var postgres = Environment.GetEnvironmentVariable("MODULAR_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("MODULAR_TEST_POSTGRES");
var period = new YearMonth(2026, 10);
var directory = new GeneratedDirectory(contracts);

Console.WriteLine($"Billing benchmark: {contracts:N0} contracts, page size {pageSize}, {Environment.ProcessorCount} cores, load {Load()}");
foreach (var provider in new[] { "sqlite", "postgres" }.Where(p => providers == "both" || providers == p))
{
    if (provider == "postgres" && string.IsNullOrWhiteSpace(postgres))
    {
        Console.WriteLine("postgres: skipped (set MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES)");
        continue;
    }

    await using var floorDb = await BenchDatabase.CreateAsync(provider, postgres);
    await using var runDb = await BenchDatabase.CreateAsync(provider, postgres);

    // 1. The floor: the same invoice and outbox rows into the same migrated tables, one transaction, COPY / prepared INSERT.
    await (await BenchHost.StartAsync(floorDb, directory, pageSize)).DisposeAsync();
    TimeSpan floor;
    {
        GC.Collect();
        using var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        (var written, floor) = await Floor.WriteAsync(floorDb, directory);
        Console.WriteLine($"{provider}: floor (bulk write)     {written:N0} invoices + {written:N0} outbox rows in {floor.TotalSeconds:F1} s = {written / floor.TotalSeconds:N0}/s " +
            $"(rows generated beforehand in chunks, untimed; {watch.Elapsed.TotalSeconds:F1} s with generation), peak working set {memory.Peak / 1048576} MB");
    }

    // 2. The real billing run through the mediator, as the worker sends it.
    await using (var host = await BenchHost.StartAsync(runDb, directory, pageSize, withPdf: true))
    {
        await host.SendAsync(new AddTariff(TariffService.Water, "Water", 5.27m, 0.11m, "RON", new LocalDate(2020, 1, 1)));
        await host.SendAsync(new AddTariff(TariffService.Water, "Water", 5.61m, 0.11m, "RON", new LocalDate(2026, 10, 17)));
        await host.SendAsync(new AddTariff(TariffService.Sewerage, "Sewerage", 4.13m, 0.11m, "RON", new LocalDate(2020, 1, 1)));
        await host.SendAsync(new AddTariff(TariffService.FixedMonthlyFee, "FixedMonthlyFee", 3.50m, 0.21m, "RON", new LocalDate(2020, 1, 1)));
        GC.Collect();
        Modular.Billing.Runs.RunStageTimes.Reset();
        using var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        var report = (await host.SendAsync(new RunBilling(period))).Value;
        var run = watch.Elapsed;
        Console.WriteLine($"{provider}: billing run            {report.Issued:N0} invoices in {run.TotalSeconds:F1} s = {report.Issued / run.TotalSeconds:N0}/s, " +
            $"peak working set {memory.Peak / 1048576} MB, failed {report.Failed:N0}, ratio run/floor {run / floor:F2}");
        Console.WriteLine($"{provider}: run stages             {Modular.Billing.Runs.RunStageTimes.Describe()}");

        // 3. Documents: first requests render and store, later ones are served as stored; against Chromium printing a blank page.
        if (pdfDocuments > 0)
        {
            await Documents.RunAsync(host, provider, pdfDocuments);
        }
    }
}

Console.WriteLine($"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB, load {Load()}");

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

namespace Modular.Billing.Benchmarks
{
    internal sealed class BenchHost(IHost host) : IAsyncDisposable
    {
        public static async Task<BenchHost> StartAsync(BenchDatabase database, GeneratedDirectory directory, int pageSize, bool withPdf = false)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Path.GetTempPath() });
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Modular:Storage:Provider"] = database.Provider,
                ["Modular:Storage:ConnectionString"] = database.ConnectionString,
                ["Modular:Storage:CommandTimeoutSeconds"] = "600",
                ["Modular:Outbox:DispatchEnabled"] = "false",
                ["Modular:Billing:RunPageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
                ["Modular:Billing:IssuerName"] = "Apă Canal SA",
            });
            builder.AddModular(m =>
            {
                m.AddModule(new BenchAccounts(directory)).AddModule(new BenchReadings()).AddBilling();
                if (withPdf)
                {
                    m.UseChromiumPdf();
                }
            });
            var built = builder.Build();
            await built.StartAsync();
            return new BenchHost(built);
        }

        public ILifetimeScope Scope() =>
            host.Services.GetRequiredService<ILifetimeScope>().BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());

        public async Task<T> SendAsync<T>(IRequest<T> request)
        {
            await using var scope = Scope();
            return await scope.Resolve<IMediator>().Send(request);
        }

        public async Task<T> QueryAsync<T>(Func<BillingDbContext, Task<T>> query)
        {
            await using var scope = Scope();
            return await query(scope.Resolve<BillingDbContext>());
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    internal sealed class BenchDatabase(string provider, string connectionString, Func<Task> drop) : IAsyncDisposable
    {
        public string Provider { get; } = provider == "sqlite" ? "Sqlite" : "Postgres";

        public string ConnectionString { get; } = connectionString;

        public static async Task<BenchDatabase> CreateAsync(string provider, string? server)
        {
            if (provider == "sqlite")
            {
                var path = Path.Combine(Path.GetTempPath(), $"modular-bench-{Guid.NewGuid():N}.db");
                return new BenchDatabase(provider, $"Data Source={path};Default Timeout=600", () =>
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
            await Execute(server!, $"CREATE DATABASE \"{name}\"");
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            return new BenchDatabase(provider, connection, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await Execute(server!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            });
        }

        private static async Task Execute(string server, string sql)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync() => await drop();
    }

    /// <summary>Samples the working set every 100 ms; <see cref="Peak"/> is the highest seen.</summary>
    internal sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public MemorySampler()
        {
            _peak = Environment.WorkingSet;
            _timer = new Timer(_ => Sample(), null, 0, 100);
        }

        public long Peak
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak);
            }
        }

        private void Sample()
        {
            var now = Environment.WorkingSet;
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}
