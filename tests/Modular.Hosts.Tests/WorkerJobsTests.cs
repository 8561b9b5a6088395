using Autofac;
using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Modular.Accounts;
using Modular.Accounts.Contracts;
using Modular.Billing;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Testing;
using Modular.Core.Time;
using Modular.Payments;
using Modular.Payments.Contracts;
using Modular.Readings;
using Modular.Readings.DemoData;
using Modular.TestSupport;
using Modular.Worker.Jobs;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Hosts.Tests;

/// <summary>The worker's scheduled jobs, run once each against the real modules.</summary>
public abstract class WorkerJobsTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeZone Bucharest = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];
    private TestHost _host = null!;
    private string _imports = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(database, m => m.AddAccounts().AddReadings().AddBilling().AddPayments(),
            new Dictionary<string, string?> { ["Modular:Payments:Partners:PayPoint:Delimiter"] = ";" },
            clock: FakeClock.At(new LocalDateTime(2026, 11, 28, 9, 0), Bucharest));
        _imports = Directory.CreateTempSubdirectory("modular-imports").FullName;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_imports, recursive: true);
    }

    [DbFact]
    public async Task The_billing_job_bills_the_previous_month_once()
    {
        (await _host.SendAsync(new SeedDemoCustomers(Seed: 21, Count: 3))).IsSuccess.ShouldBeTrue();
        var contracts = (await _host.SendAsync(new ListContracts(null, 100))).Value;
        await using (var scope = _host.BeginScope())
        {
            await ReadingsDemoData.SeedAsync(scope.Resolve<IMediator>(), contracts.Select(c => c.ContractId).ToList(), new LocalDate(2026, 11, 27));
        }

        (await _host.SendAsync(new AddTariff(TariffService.Water, "Apă", 5.12m, 0.11m, "RON", new LocalDate(2026, 1, 1)))).IsSuccess.ShouldBeTrue();
        _host.Clock.SetLocal(new LocalDateTime(2026, 12, 2, 3, 0), Bucharest);

        var job = new BillingJob(_host.Container, _host.Container.Resolve<UtilityClock>(), Options.Create(new WorkerOptions()), NullLogger<BillingJob>.Instance);
        await RunAsync(job);
        var november = (await _host.SendAsync(new GetInvoices(From: new YearMonth(2026, 11), To: new YearMonth(2026, 11)))).Value;
        november.ShouldNotBeEmpty();
        november.Select(i => i.ContractId).ShouldBeUnique();
        november.ShouldAllBe(i => contracts.Any(c => c.ContractId == i.ContractId));

        // Later runs of the schedule resume and find nothing new to issue.
        await RunAsync(job);
        (await _host.SendAsync(new GetInvoices(From: new YearMonth(2026, 11), To: new YearMonth(2026, 11)))).Value.Count.ShouldBe(november.Count);
    }

    [DbFact]
    public async Task The_import_job_imports_dropped_files_once_and_sets_aside_what_it_cannot_read()
    {
        var partnerFolder = Directory.CreateDirectory(Path.Combine(_imports, "partners", "PayPoint")).FullName;
        await File.WriteAllTextAsync(Path.Combine(partnerFolder, "2026-11-28.csv"),
            "reference;amount;date;transaction_id;terminal\nNO-SUCH-CLIENT;120.50;2026-11-27;PP-1;T9\n");
        var bankFolder = Directory.CreateDirectory(Path.Combine(_imports, "bank")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bankFolder, "broken.xml"), "<Document><BkToCstmrStmt>");

        var job = new ImportFolderJob(_host.Container, _host.Host.Services.GetService(typeof(IHostEnvironment)) as IHostEnvironment ?? throw new InvalidOperationException(),
            Options.Create(new WorkerOptions { ImportFolder = _imports }), NullLogger<ImportFolderJob>.Instance);
        await RunAsync(job);

        File.Exists(Path.Combine(_imports, "done", "2026-11-28.csv")).ShouldBeTrue();
        File.Exists(Path.Combine(_imports, "done", "2026-11-28.csv.report.txt")).ShouldBeTrue();
        File.Exists(Path.Combine(_imports, "failed", "broken.xml")).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(_imports, "failed", "broken.xml.report.txt"))).ShouldNotBeNullOrWhiteSpace();
        var suspense = (await _host.SendAsync(new ListSuspense())).Value;
        suspense.Count.ShouldBe(1);

        // The same file dropped again adds nothing.
        File.Copy(Path.Combine(_imports, "done", "2026-11-28.csv"), Path.Combine(partnerFolder, "2026-11-28.csv"));
        await RunAsync(job);
        (await _host.SendAsync(new ListSuspense())).Value.Count.ShouldBe(1);
    }

    private async Task RunAsync(ScheduledJob job)
    {
        await using var scope = _host.BeginScope(SystemUser.Instance);
        await job.RunOnceAsync(scope.Resolve<IMediator>(), CancellationToken.None);
        await _host.DrainOutboxAsync();
    }
}

public sealed class SqliteWorkerJobsTests(SqliteDatabase database) : WorkerJobsTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresWorkerJobsTests(PostgresDatabase database) : WorkerJobsTests(database), IClassFixture<PostgresDatabase>;
