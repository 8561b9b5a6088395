using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Autofac;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Contracts;
using Modular.Billing;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.EInvoices.Documents;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.EInvoice.Benchmarks;
using Npgsql;
using NodaTime;

// E-invoice benchmark: documents per second for a billing run's invoices, UBL (CIUS-RO) against JSON of the same
// invoices, in the same process. Usage:
//   dotnet run -c Release --project benchmarks/Modular.EInvoice.Benchmarks -- [invoices] [sqlite|postgres] [rounds]
// PostgreSQL: MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES (a server connection string whose user may create databases).
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var provider = args.Length > 1 ? args[1].ToLowerInvariant() : "sqlite";
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var period = new YearMonth(2026, 10);
var customers = new GeneratedCustomers(count);
Console.WriteLine($"E-invoice benchmark: {count:N0} contracts, {provider}, {Environment.ProcessorCount} cores, load {Load()}");

await using var database = await BenchDatabase.CreateAsync(provider, Environment.GetEnvironmentVariable("MODULAR_BENCH_POSTGRES")
    ?? Environment.GetEnvironmentVariable("MODULAR_TEST_POSTGRES"));
await using var host = await BenchHost.StartAsync(database, customers);
await host.SendAsync(new AddTariff(TariffService.Water, "Apă 2020", 5.27m, 0.11m, "RON", new LocalDate(2020, 1, 1)));
await host.SendAsync(new AddTariff(TariffService.Water, "Apă 2026", 5.61m, 0.11m, "RON", new LocalDate(2026, 10, 17)));
await host.SendAsync(new AddTariff(TariffService.Sewerage, "Canalizare", 4.13m, 0.11m, "RON", new LocalDate(2020, 1, 1)));
await host.SendAsync(new AddTariff(TariffService.FixedMonthlyFee, "Abonament", 3.50m, 0.21m, "RON", new LocalDate(2020, 1, 1)));
var watch = Stopwatch.StartNew();
var run = (await host.SendAsync(new RunBilling(period))).Value;
Console.WriteLine($"setup: billing run issued {run.Issued:N0} invoices in {watch.Elapsed.TotalSeconds:F1} s");

// 1. Serialization alone: the same invoices, buyers and references in memory, one document at a time into a buffer.
var loaded = await host.LoadAsync(period);
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
var buffer = new MemoryStream(16 * 1024);
var jsonRates = new List<double>();
var ublRates = new List<double>();
var mappingRates = new List<double>();
long jsonBytes = 0, ublBytes = 0;
for (var round = 1; round <= rounds; round++)
{
    GC.Collect();
    watch.Restart();
    jsonBytes = 0;
    foreach (var (invoice, party, preceding) in loaded.Items)
    {
        buffer.SetLength(0);
        JsonSerializer.Serialize(buffer, JsonInvoice.From(invoice, party, preceding), json);
        jsonBytes += buffer.Length;
    }

    jsonRates.Add(loaded.Items.Count / watch.Elapsed.TotalSeconds);
    GC.Collect();
    watch.Restart();
    ublBytes = 0;
    foreach (var (invoice, party, preceding) in loaded.Items)
    {
        buffer.SetLength(0);
        UblWriter.Write(loaded.Builder.ForInvoice(invoice, party, preceding).Value, loaded.Builder.Profile, buffer);
        ublBytes += buffer.Length;
    }

    ublRates.Add(loaded.Items.Count / watch.Elapsed.TotalSeconds);

    // Of which the mapping to EN 16931 alone (no XML).
    watch.Restart();
    foreach (var (invoice, party, preceding) in loaded.Items)
    {
        _ = loaded.Builder.ForInvoice(invoice, party, preceding).Value;
    }

    mappingRates.Add(loaded.Items.Count / watch.Elapsed.TotalSeconds);
    Console.WriteLine($"round {round}: JSON {jsonRates[^1]:N0} docs/s, UBL {ublRates[^1]:N0} docs/s (mapping alone {mappingRates[^1]:N0}/s), " +
        $"UBL/JSON {ublRates[^1] / jsonRates[^1]:F2}, load {Load()}");
}

Console.WriteLine($"serialization (median of {rounds}): JSON {Median(jsonRates):N0} docs/s ({jsonBytes / loaded.Items.Count:N0} B/doc), " +
    $"UBL {Median(ublRates):N0} docs/s ({ublBytes / loaded.Items.Count:N0} B/doc), UBL/JSON throughput {Median(ublRates) / Median(jsonRates):F2}");

// 2. The whole export from the database into a zip: ExportRunEInvoices against the same pipeline writing JSON entries.
var zipPath = Path.Combine(Path.GetTempPath(), $"modular-einvoice-bench-{Guid.NewGuid():N}.zip");
try
{
    GC.Collect();
    watch.Restart();
    var jsonDocuments = await host.ExportJsonAsync(period, zipPath, json);
    var jsonExport = watch.Elapsed;
    var jsonSize = new FileInfo(zipPath).Length;
    GC.Collect();
    watch.Restart();
    EInvoiceExportReport report;
    await using (var file = File.Create(zipPath))
    {
        report = (await host.SendAsync(new ExportRunEInvoices(run.RunId, file))).Value;
    }

    var ublExport = watch.Elapsed;
    Console.WriteLine($"export JSON zip: {jsonDocuments:N0} docs in {jsonExport.TotalSeconds:F1} s = {jsonDocuments / jsonExport.TotalSeconds:N0} docs/s, {jsonSize / 1048576.0:F1} MB");
    Console.WriteLine($"export UBL zip:  {report.Documents:N0} docs in {ublExport.TotalSeconds:F1} s = {report.Documents / ublExport.TotalSeconds:N0} docs/s, " +
        $"{new FileInfo(zipPath).Length / 1048576.0:F1} MB, skipped {report.Skipped.Count}, UBL/JSON throughput {jsonExport / ublExport:F2}");
}
finally
{
    File.Delete(zipPath);
}

Console.WriteLine($"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB, load {Load()}");

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

namespace Modular.EInvoice.Benchmarks
{
    /// <summary>The JSON baseline: the same facts an e-invoice states, as a plain record.</summary>
    internal sealed record JsonInvoice(string Number, string IssueDate, string DueDate, string Period, string Currency, string ClientCode, string ContractNumber,
        string CustomerName, decimal Net, decimal Vat, decimal Total, IReadOnlyList<InvoiceLine> Lines, CustomerParty? Buyer, IReadOnlyList<PrecedingInvoice> Preceding)
    {
        public static JsonInvoice From(Invoice invoice, CustomerParty? party, IReadOnlyList<PrecedingInvoice> preceding) => new(invoice.Number,
            invoice.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), invoice.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            invoice.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture), invoice.Currency.Code, invoice.ClientCode, invoice.ContractNumber, invoice.CustomerName,
            invoice.Net, invoice.Vat, invoice.Total, invoice.Lines, party, preceding);
    }

    internal sealed record Loaded(EInvoiceBuilder Builder, List<(Invoice Invoice, CustomerParty? Party, IReadOnlyList<PrecedingInvoice> Preceding)> Items);

    internal sealed class BenchHost(IHost host) : IAsyncDisposable
    {
        private const int PageSize = 500;

        public static async Task<BenchHost> StartAsync(BenchDatabase database, GeneratedCustomers customers)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Path.GetTempPath() });
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Modular:Storage:Provider"] = database.Provider,
                ["Modular:Storage:ConnectionString"] = database.ConnectionString,
                ["Modular:Storage:CommandTimeoutSeconds"] = "600",
                ["Modular:Outbox:DispatchEnabled"] = "false",
                ["Modular:Billing:IssuerName"] = "Apă Canal Brașov SA",
                ["Modular:Billing:IssuerTaxId"] = "RO18547290",
                ["Modular:Billing:Iban"] = "RO49AAAA1B31007593840000",
                ["Modular:Billing:EInvoice:Enabled"] = "true",
                ["Modular:Billing:EInvoice:Street"] = "Strada Vlad Țepeș 13",
                ["Modular:Billing:EInvoice:City"] = "Brașov",
                ["Modular:Billing:EInvoice:County"] = "RO-BV",
                ["Modular:Billing:EInvoice:Culture"] = "ro",
                ["Modular:Billing:EInvoice:ExportPageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
            });
            builder.AddModular(m => m.AddModule(new BenchAccounts(customers)).AddModule(new BenchReadings()).AddBilling());
            var built = builder.Build();
            await built.StartAsync();
            return new BenchHost(built);
        }

        private ILifetimeScope Scope() =>
            host.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.System);

        public async Task<T> SendAsync<T>(IRequest<T> request)
        {
            await using var scope = Scope();
            return await scope.Resolve<IMediator>().Send(request);
        }

        /// <summary>Every invoice of the period with its buyer and references, read as the export reads them.</summary>
        public async Task<Loaded> LoadAsync(YearMonth period)
        {
            var items = new List<(Invoice, CustomerParty?, IReadOnlyList<PrecedingInvoice>)>();
            await using var scope = Scope();
            var documents = scope.Resolve<EInvoiceDocuments>();
            await foreach (var (page, parties, preceding) in PagesAsync(scope, period))
            {
                items.AddRange(page.Select(i => (i, parties.GetValueOrDefault(i.CustomerId), (IReadOnlyList<PrecedingInvoice>)(preceding.GetValueOrDefault(i.Id) ?? []))));
            }

            return new Loaded(documents.Builder, items);
        }

        /// <summary>The export's pipeline (pages, buyers, references, one zip entry per invoice) writing JSON instead of UBL.</summary>
        public async Task<int> ExportJsonAsync(YearMonth period, string path, JsonSerializerOptions json)
        {
            var written = 0;
            await using var scope = Scope();
            await using var file = File.Create(path);
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            await foreach (var (page, parties, preceding) in PagesAsync(scope, period))
            {
                foreach (var invoice in page)
                {
                    var entry = zip.CreateEntry(invoice.Number.Replace(' ', '-') + ".json", CompressionLevel.Optimal);
                    await using var stream = entry.Open();
                    JsonSerializer.Serialize(stream, JsonInvoice.From(invoice, parties.GetValueOrDefault(invoice.CustomerId), preceding.GetValueOrDefault(invoice.Id) ?? []), json);
                    written++;
                }
            }

            return written;
        }

        private static async IAsyncEnumerable<(List<Invoice> Page, IReadOnlyDictionary<Guid, CustomerParty> Parties, IReadOnlyDictionary<Guid, List<PrecedingInvoice>> Preceding)>
            PagesAsync(ILifetimeScope scope, YearMonth period)
        {
            var db = scope.Resolve<BillingDbContext>();
            var documents = scope.Resolve<EInvoiceDocuments>();
            string? after = null;
            while (true)
            {
                var query = db.Invoices.AsNoTracking().Where(i => i.Period == period && i.Source == InvoiceSource.Run);
                if (after is not null)
                {
                    query = query.Where(i => string.Compare(i.Number, after) > 0);
                }

                var page = await query.OrderBy(i => i.Number).Take(PageSize).ToListAsync();
                if (page.Count == 0)
                {
                    yield break;
                }

                after = page[^1].Number;
                yield return (page, await documents.PartiesAsync(page.Select(i => i.CustomerId).ToList(), default), await documents.PrecedingAsync(page, default));
            }
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
                var path = Path.Combine(Path.GetTempPath(), $"modular-einvoice-bench-{Guid.NewGuid():N}.db");
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

            if (string.IsNullOrWhiteSpace(server))
            {
                throw new InvalidOperationException("Set MODULAR_BENCH_POSTGRES or MODULAR_TEST_POSTGRES for PostgreSQL.");
            }

            var name = $"modular_einvoice_bench_{Guid.NewGuid():N}";
            await Execute(server, $"CREATE DATABASE \"{name}\"");
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            return new BenchDatabase(provider, connection, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
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
}
