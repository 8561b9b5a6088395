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
using Modular.Payments;
using Modular.Payments.Benchmarks;
using Modular.Payments.Contracts;
using Modular.Payments.Imports;

// Imports of generated bank statements and partner files through the module, against a floor measured in the same run: the
// rows the import wrote, bulk-written into a fresh database (COPY on PostgreSQL, prepared INSERTs in one transaction on SQLite).
// Usage: [camt|csv|all] [lines=1000000] [sqlite|postgres]   (postgres reads MODULAR_BENCH_POSTGRES, a connection string to a database it may fill)
var what = args.ElementAtOrDefault(0) ?? "all";
var lines = int.Parse(args.ElementAtOrDefault(1) ?? "1000000", CultureInfo.InvariantCulture);
var provider = args.ElementAtOrDefault(2) ?? "sqlite";
var folder = Directory.CreateTempSubdirectory("modular-payments-bench").FullName;
try
{
    Console.WriteLine($"Payments import benchmark: {lines:N0} lines, {provider}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
    if (what is "camt" or "all")
    {
        await RunAsync("camt.053", Generated.Camt(lines, folder), path => Camt053Reader.Read(File.OpenRead(path)).Count(),
            (path, send) => send(new ImportBankStatement(File.OpenRead(path), Path.GetFileName(path))));
    }

    if (what is "csv" or "all")
    {
        var format = new PartnerFileFormat();
        await RunAsync("partner CSV", Generated.Csv(lines, folder), path => PartnerCsvReader.Read(File.OpenRead(path), "bench", format, "RON").Count(),
            (path, send) => send(new ImportPartnerFile("Bench", File.OpenRead(path), Path.GetFileName(path))));
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

async Task RunAsync(string name, string path, Func<string, int> parse, Func<string, Func<ImportCommand, Task<ImportReport>>, Task<ImportReport>> import)
{
    Console.WriteLine($"\n{name}: file {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB");
    GC.Collect();
    var allocated = GC.GetTotalAllocatedBytes(true);
    var clock = Stopwatch.StartNew();
    var parsed = parse(path);
    var parseSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"  parse only : {parsed:N0} lines in {parseSeconds:F2} s = {parsed / parseSeconds:N0} lines/s, allocated {(GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0:N0} MiB");

    await using var database = await Database.CreateAsync(provider, folder, name);
    var host = await StartHostAsync(database);
    try
    {
        GC.Collect();
        allocated = GC.GetTotalAllocatedBytes(true);
        var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var cpu = new CpuMeter(database);
        await cpu.StartAsync();
        clock.Restart();
        var report = await import(path, async command =>
        {
            await using var scope = host.Services.GetRequiredService<ILifetimeScope>()
                .BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
            var result = await scope.Resolve<IMediator>().Send(command.Request);
            return result.Value;
        });
        var importSeconds = clock.Elapsed.TotalSeconds;
        var (client, server) = await cpu.StopAsync();
        Console.WriteLine($"  import     : {report.Total:N0} lines in {importSeconds:F2} s = {report.Total / importSeconds:N0} lines/s " +
            $"(matched {report.Matched:N0}, suspense {report.Unmatched:N0}, rejected {report.Rejected:N0})");
        Console.WriteLine($"  memory     : allocated {(GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0:N0} MiB, " +
            $"peak working set {Math.Max(peakBefore, Process.GetCurrentProcess().PeakWorkingSet64) / 1048576.0:N0} MiB; collections gen0 " +
            $"{GC.CollectionCount(0) - gcs.Item1}, gen1 {GC.CollectionCount(1) - gcs.Item2}, gen2 {GC.CollectionCount(2) - gcs.Item3}, " +
            $"paused {(GC.GetTotalPauseDuration() - gcs.Item4).TotalSeconds:F1} s");
        Console.WriteLine($"  cpu        : this process {client:F1} s" + (server is { } s ? $", database server {s:F1} s" : string.Empty) +
            $" (wall {importSeconds:F1} s, load average now {LoadAverage()})");

        // The floor: the same rows the import wrote, bulk-written into a fresh migrated database.
        await host.StopAsync();
        await using var floorDatabase = await Database.CreateAsync(provider, folder, name + " floor");
        var floorHost = await StartHostAsync(floorDatabase);
        await floorHost.StopAsync();
        floorHost.Dispose();
        var (rows, tables, floor) = await Floor.CopyAsync(database, floorDatabase);
        Console.WriteLine($"  floor      : the import's {rows:N0} rows ({tables} tables) bulk-written in one transaction in {floor.TotalSeconds:F2} s = {rows / floor.TotalSeconds:N0} rows/s");
        Console.WriteLine($"  ratio      : import takes {importSeconds / floor.TotalSeconds:F2}x the floor ({importSeconds / parseSeconds:F1}x parsing alone); " +
            $"target <= 30 s: {(importSeconds <= 30 ? "met" : "NOT met")}; load average now {LoadAverage()}");
    }
    finally
    {
        host.Dispose();
    }
}

async Task<IHost> StartHostAsync(Database database)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Benchmark" });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Modular:Storage:Provider"] = database.Provider,
        ["Modular:Storage:ConnectionString"] = database.ConnectionString,
        ["Modular:Storage:CommandTimeoutSeconds"] = "600",
        ["Modular:Outbox:DispatchEnabled"] = "false",
        ["Modular:Payments:Partners:Bench:Delimiter"] = ";",
    });
    builder.Logging.ClearProviders();
    builder.AddModular(m => m.AddModule(new StandInModule("Billing")).AddModule(new StandInModule("Accounts")).AddPayments());
    var host = builder.Build();
    await host.StartAsync();
    return host;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

/// <summary>The two import commands under one roof for the timing helper.</summary>
internal sealed record ImportCommand(IRequest<Modular.Core.Results.Result<ImportReport>> Request)
{
    public static implicit operator ImportCommand(ImportBankStatement command) => new((IRequest<Modular.Core.Results.Result<ImportReport>>)command);

    public static implicit operator ImportCommand(ImportPartnerFile command) => new((IRequest<Modular.Core.Results.Result<ImportReport>>)command);
}
