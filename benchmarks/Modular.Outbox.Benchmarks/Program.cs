using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Autofac;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Billing;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Outbox;
using Modular.Outbox.Benchmarks;
using Modular.Payments;
using Modular.Payments.Contracts;
using Npgsql;
using NodaTime;

// Outbox drain benchmark: a backlog of real PaymentSettled events (written by a real partner-file import) drained by
// the dispatcher to Billing's allocation consumer and the payment email consumer (pickup folder). Usage:
//   dotnet run -c Release --project benchmarks/Modular.Outbox.Benchmarks -- [events=100000] [sqlite|postgres|both] [dispatchers=1] [batch=500] [emails=on|off]
// With emails off the payment email consumer still takes each event through its inbox but sends nothing: the drain
// then measures the outbox and the allocation alone.
// PostgreSQL: MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES (a server connection string whose user may create databases).
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var providers = args.Length > 1 ? args[1].ToLowerInvariant() : "both";
var dispatchers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
var batch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500;
var emails = args.Length <= 4 || args[4] != "off";
var server = Environment.GetEnvironmentVariable("MODULAR_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("MODULAR_TEST_POSTGRES");
Generated.Customers = Math.Max(1, events / 2);

Console.WriteLine($"Outbox benchmark: {events:N0} PaymentSettled events, {Generated.Customers:N0} customers (one invoice each, two payments of 60 RON), " +
    $"{dispatchers} dispatcher(s), batch {batch}, emails {(emails ? "on" : "off")}, {Environment.ProcessorCount} cores, load {Load()}");
foreach (var provider in new[] { "sqlite", "postgres" }.Where(p => providers == "both" || providers == p))
{
    if (provider == "postgres" && string.IsNullOrWhiteSpace(server))
    {
        Console.WriteLine("postgres: skipped (set MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES)");
        continue;
    }

    var folder = Directory.CreateTempSubdirectory("modular-outbox-bench").FullName;
    try
    {
        await using var database = await BenchDatabase.CreateAsync(provider, server);
        await RunAsync(provider, database, folder);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

Console.WriteLine($"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB, load {Load()}");

async Task RunAsync(string provider, BenchDatabase database, string folder)
{
    // 1. The floors, on the same database in the same run.
    var singleRows = Math.Min(events, 20_000);
    var single = await Floors.SingleRowCommitsAsync(database, singleRows);
    var bulk = await Floors.BulkInsertAsync(database, events);
    Console.WriteLine($"{provider}: floor single-row commits, one connection: {single:N0} rows/s ({singleRows:N0} rows)");
    Console.WriteLine($"{provider}: floor bulk insert of {events:N0} rows:           {bulk:N0} rows/s");

    // 2. The backlog: invoices from a real billing run, then a real partner-file import publishing PaymentSettled.
    var pickup = Path.Combine(folder, "mail");
    using var host = await StartHostAsync(database, pickup);
    var setup = Stopwatch.StartNew();
    await SendAsync(host, new AddTariff(TariffService.Water, "Water", 5.61m, 0.11m, "RON", new LocalDate(2020, 1, 1)));
    await SendAsync(host, new AddTariff(TariffService.Sewerage, "Sewerage", 4.13m, 0.11m, "RON", new LocalDate(2020, 1, 1)));
    var run = (await SendAsync(host, new RunBilling(new YearMonth(2026, 10)))).Value;
    var processor = host.Services.GetRequiredService<OutboxProcessor>();
    while (await processor.ProcessOnceAsync() > 0)
    {
        // the InvoiceIssued events (nobody opted in to invoice emails): not part of the measurement
    }

    var file = Generated.PartnerFile(events, folder);
    Modular.Payments.Contracts.ImportReport import;
    await using (var content = File.OpenRead(file))
    {
        import = (await SendAsync(host, new ImportPartnerFile("Bench", content, Path.GetFileName(file)))).Value;
    }

    Console.WriteLine($"{provider}: setup {setup.Elapsed.TotalSeconds:F0} s: {run.Issued:N0} invoices issued, {import.Matched:N0} payments imported " +
        $"({await ScalarAsync(database, "SELECT count(*) FROM {payments.outbox_messages} WHERE \"DispatchedAt\" IS NULL"):N0} events waiting)");

    // 3. The drain, measured.
    GC.Collect();
    var allocated = GC.GetTotalAllocatedBytes(true);
    var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    using var memory = new MemorySampler();
    var cpu = new CpuMeter(database);
    await cpu.StartAsync();
    var loadBefore = Load();
    using var consumerTimes = new ConsumerTimes();
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, dispatchers).Select(_ => Task.Run(async () =>
    {
        while (await processor.ProcessOnceAsync() > 0)
        {
        }
    })));
    while (await processor.ProcessOnceAsync() > 0)
    {
        // a dispatcher that found nothing while another's claim was uncommitted stopped early: finish here
    }

    var elapsed = watch.Elapsed.TotalSeconds;
    var (client, serverCpu) = await cpu.StopAsync();

    // 4. Everything arrived, once.
    var allocatedPayments = await ScalarAsync(database, "SELECT count(*) FROM {billing.inbox_messages} WHERE \"Consumer\" = 'billing.payment-settled'");
    var emailed = await ScalarAsync(database, "SELECT count(*) FROM {payments.inbox_messages} WHERE \"Consumer\" = 'payments.settled-email'");
    var mails = Directory.Exists(pickup) ? Directory.EnumerateFiles(pickup).Count() : 0;
    var pending = await ScalarAsync(database, "SELECT count(*) FROM {core.outbox_deliveries}");
    var paid = await ScalarAsync(database, "SELECT count(*) FROM {billing.outbox_messages} WHERE \"Type\" LIKE 'Modular.Billing.Contracts.InvoicePaid%'");
    var rate = import.Matched / elapsed;
    Console.WriteLine($"{provider}: drain {import.Matched:N0} events in {elapsed:F1} s = {rate:N0} events/s ({2 * import.Matched / elapsed:N0} deliveries/s); " +
        $"allocated {allocatedPayments:N0}, emails {emailed:N0} (files {mails:N0}), InvoicePaid {paid:N0}, deliveries left {pending}");
    Console.WriteLine($"{provider}: ratio events/s to single-row commits/s {rate / single:F2}; to bulk insert rows/s {rate / bulk:F3}; " +
        $"target {(provider == "postgres" ? 5000 : 2000):N0}/s {(rate >= (provider == "postgres" ? 5000 : 2000) ? "met" : "NOT met")}");
    Console.WriteLine($"{provider}: cpu this process {client:F1} s" + (serverCpu is { } s ? $", database server {s:F1} s" : string.Empty) +
        $"; peak working set {memory.Peak / 1048576} MB, allocated {(GC.GetTotalAllocatedBytes(true) - allocated) / 1048576:N0} MB, " +
        $"gc {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}; load {loadBefore} -> {Load()}");
    Console.WriteLine($"{provider}: time inside consumers (s): {consumerTimes}");
    await host.StopAsync();
}

async Task<IHost> StartHostAsync(BenchDatabase database, string pickup)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        DisableDefaults = true, EnvironmentName = "Benchmark", ContentRootPath = Path.GetTempPath(),
    });
    builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Modular:Storage:Provider"] = database.Provider,
        ["Modular:Storage:ConnectionString"] = database.ConnectionString,
        ["Modular:Storage:CommandTimeoutSeconds"] = "600",
        ["Modular:Outbox:DispatchEnabled"] = "false",
        ["Modular:Outbox:BatchSize"] = batch.ToString(CultureInfo.InvariantCulture),
        ["Modular:Email:PickupDirectory"] = pickup,
        ["Modular:Payments:Partners:Bench:Delimiter"] = ";",
        ["Modular:Payments:ConfirmationEmails"] = emails ? "true" : "false",
        ["Modular:Billing:RunPageSize"] = "2000",
        ["Modular:Billing:IssuerName"] = "Apă Canal SA",
    });
    builder.AddModular(m => m.AddModule(new StandInModule("Accounts")).AddModule(new StandInModule("Readings")).AddBilling().AddPayments());
    var host = builder.Build();
    await host.StartAsync();
    return host;
}

static async Task<Modular.Core.Results.Result<T>> SendAsync<T>(IHost host, IRequest<Modular.Core.Results.Result<T>> request)
{
    await using var scope = host.Services.GetRequiredService<ILifetimeScope>()
        .BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
    var result = await scope.Resolve<IMediator>().Send(request);
    return result.IsSuccess ? result : throw new InvalidOperationException($"{request.GetType().Name}: {result}");
}

// {schema.table} names a module table: "schema"."table" on PostgreSQL, "schema_table" on SQLite.
static async Task<long> ScalarAsync(BenchDatabase database, string sql)
{
    var text = System.Text.RegularExpressions.Regex.Replace(sql, @"\{(\w+)\.(\w+)\}",
        m => database.IsSqlite ? $"\"{m.Groups[1].Value}_{m.Groups[2].Value}\"" : $"\"{m.Groups[1].Value}\".\"{m.Groups[2].Value}\"");
    await using DbConnection connection = database.IsSqlite ? new SqliteConnection(database.ConnectionString) : new NpgsqlConnection(database.ConnectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = text;
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
