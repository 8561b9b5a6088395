using System.IO.Compression;
using Autofac;
using MediatR;
using Modular.Accounts;
using Modular.Accounts.Contracts;
using Modular.Billing;
using Modular.Billing.Contracts;
using Modular.Core.Testing;
using Modular.Payments;
using Modular.Readings;
using Modular.Readings.DemoData;
using Modular.TestSupport;
using Modular.TestSupport.EInvoices;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Integration.Tests;

/// <summary>
/// E-invoices from the real modules: demo customers imported with their fiscal codes and addresses by Accounts, billed
/// from Readings' consumption; every document of the run passes the official CIUS-RO rules.
/// </summary>
public abstract class EInvoiceEndToEndTests(TestDatabase database) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(database,
        m => m.AddAccounts().AddReadings().AddBilling().AddPayments(),
        new Dictionary<string, string?>
        {
            ["Modular:Billing:IssuerName"] = "Apa Serv Valea Jiului SA",
            ["Modular:Billing:IssuerTaxId"] = "RO18547290",
            ["Modular:Billing:Iban"] = "RO49AAAA1B31007593840000",
            ["Modular:Billing:EInvoice:Enabled"] = "true",
            ["Modular:Billing:EInvoice:Street"] = "Strada Cuza Vodă 10",
            ["Modular:Billing:EInvoice:City"] = "Petroșani",
            ["Modular:Billing:EInvoice:County"] = "RO-HD",
            ["Modular:Billing:EInvoice:PostalCode"] = "332009",
        },
        FakeClock.At(new LocalDateTime(2026, 11, 28, 10, 0), DateTimeZoneProviders.Tzdb["Europe/Bucharest"]));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Every_invoice_of_a_run_over_imported_customers_is_a_valid_cius_ro_e_invoice()
    {
        (await _host.SendAsync(new SeedDemoCustomers(Seed: 21, Count: 12))).Value.Rejected.ShouldBeEmpty();
        var contracts = (await _host.SendAsync(new ListContracts(null, 100))).Value;
        await using (var scope = _host.BeginScope())
        {
            await ReadingsDemoData.SeedAsync(scope.Resolve<IMediator>(), contracts.Select(c => c.ContractId).ToList(), new LocalDate(2026, 11, 27));
        }

        await _host.SendAsync(new AddTariff(TariffService.Water, "Apă potabilă", 5.12m, 0.11m, "RON", new LocalDate(2026, 1, 1)));
        await _host.SendAsync(new AddTariff(TariffService.Sewerage, "Canalizare", 4.37m, 0.11m, "RON", new LocalDate(2026, 1, 1)));
        var run = (await _host.SendAsync(new RunBilling(new YearMonth(2026, 11)))).Value;
        run.Issued.ShouldBeGreaterThan(0);

        using var zip = new MemoryStream();
        var report = (await _host.SendAsync(new ExportRunEInvoices(run.RunId, zip))).Value;

        report.Skipped.ShouldBeEmpty();
        report.Documents.ShouldBe(run.Issued);
        using var archive = new ZipArchive(new MemoryStream(zip.ToArray()), ZipArchiveMode.Read);
        var legalTypes = new HashSet<LegalType>();
        foreach (var entry in archive.Entries)
        {
            using var content = new MemoryStream();
            await entry.Open().CopyToAsync(content);
            var validation = await SchematronValidator.Shared.ValidateAsync(content.ToArray(), EInvoiceRules.CiusRo);
            validation.Fatal.ShouldBeEmpty($"{entry.FullName}: {validation}");
        }

        foreach (var contract in contracts)
        {
            legalTypes.Add(contract.LegalType);
        }

        legalTypes.Count.ShouldBeGreaterThan(1);
    }
}

public sealed class SqliteEInvoiceEndToEndTests(SqliteDatabase database) : EInvoiceEndToEndTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresEInvoiceEndToEndTests(PostgresDatabase database) : EInvoiceEndToEndTests(database), IClassFixture<PostgresDatabase>;
