using Modular.Core.Schedules;
using Modular.Payments.Contracts;
using Modular.Payments.Imports;
using Modular.Payments.Online;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>Payments' scheduled jobs, run by Core's scheduler at their occurrences; a fresh database per test.</summary>
public abstract class ScheduledJobTests(TestDatabase fixture) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PaymentsHost _host = null!;
    private string _imports = null!;

    public async Task InitializeAsync()
    {
        _database = await fixture.CreateSiblingAsync();
        _imports = Directory.CreateTempSubdirectory("modular-imports").FullName;
        _host = await PaymentsHost.StartAsync(_database, new Dictionary<string, string?> { ["Modular:Payments:ImportFolder"] = _imports });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_imports, recursive: true);
    }

    [DbFact]
    public async Task Payments_declares_its_jobs()
    {
        var jobs = (await _host.SendAsync(new GetScheduledJobs())).Value;

        jobs.Where(j => j.Module == "Payments").Select(j => (j.Name, j.Cron)).OrderBy(j => j.Name)
            .ShouldBe([(ImportFolderJob.Name, "*/15 * * * *"), (ReconcilePendingPaymentsJob.Name, "*/5 * * * *")]);
    }

    [DbFact]
    public async Task The_reconciliation_job_settles_a_payment_whose_callback_was_lost()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var invoice = _host.World.AddInvoice(customer, "AP " + Random.Shared.Next(100_000, 999_999), 75m);
        var lost = (await _host.SendAsync(new CreatePayment([invoice.InvoiceId], null, Guid.NewGuid().ToString("N"), "/paid"),
            _host.World.UserOf(customer))).Value;
        _host.Sandbox.TryDecide(lost.Reference, approve: true, lost.Amount).ShouldNotBeNull();

        // Created at 10:00 UTC; pending longer than ReconcileAfterMinutes (15) by the 10:20 occurrence.
        _host.Clock.Set(Instant.FromUtc(2026, 11, 25, 10, 10, 1));
        var tooEarly = await RunAsync(ReconcilePendingPaymentsJob.Name);
        _host.Clock.Set(Instant.FromUtc(2026, 11, 25, 10, 20, 1));
        var due = await RunAsync(ReconcilePendingPaymentsJob.Name);

        tooEarly.Message.ShouldBe("0 checked: 0 settled, 0 declined, 0 still pending.");
        due.Message.ShouldBe("1 checked: 1 settled, 0 declined, 0 still pending.");
        (await _host.SendAsync(new GetPaymentStatus(lost.PaymentId))).Value.ShouldBe(PaymentStatus.Settled);
    }

    [DbFact]
    public async Task The_import_job_imports_dropped_files_once_and_sets_aside_what_it_cannot_read()
    {
        var partnerFolder = Directory.CreateDirectory(Path.Combine(_imports, "partners", "PayPoint")).FullName;
        await File.WriteAllTextAsync(Path.Combine(partnerFolder, "2026-11-25.csv"),
            "ID tranzactie;Data;Cod client;Suma;Terminal\nPP-1;24.11.2026;NO-SUCH-CLIENT;120,50;T9\n");
        var bankFolder = Directory.CreateDirectory(Path.Combine(_imports, "bank")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bankFolder, "broken.xml"), "<Document><BkToCstmrStmt>");

        _host.Clock.Set(Instant.FromUtc(2026, 11, 25, 10, 15, 1));
        var first = await RunAsync(ImportFolderJob.Name);

        first.Message.ShouldBe("1 file(s) imported, 1 set aside in failed/.");
        File.Exists(Path.Combine(_imports, "done", "2026-11-25.csv")).ShouldBeTrue();
        File.Exists(Path.Combine(_imports, "done", "2026-11-25.csv.report.txt")).ShouldBeTrue();
        File.Exists(Path.Combine(_imports, "failed", "broken.xml")).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(_imports, "failed", "broken.xml.report.txt"))).ShouldNotBeNullOrWhiteSpace();
        (await _host.SendAsync(new ListSuspense())).Value.Count.ShouldBe(1);

        // The same file dropped again adds nothing.
        File.Copy(Path.Combine(_imports, "done", "2026-11-25.csv"), Path.Combine(partnerFolder, "2026-11-25.csv"));
        _host.Clock.Set(Instant.FromUtc(2026, 11, 25, 10, 30, 1));
        var again = await RunAsync(ImportFolderJob.Name);

        again.Outcome.ShouldBe(ScheduledJobOutcome.Succeeded);
        (await _host.SendAsync(new ListSuspense())).Value.Count.ShouldBe(1);
    }

    private async Task<ScheduledJobRun> RunAsync(string job) => (await _host.RunDueJobsAsync()).Single(r => r.Job == job);
}

public sealed class SqliteScheduledJobTests(SqliteDatabase database) : ScheduledJobTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresScheduledJobTests(PostgresDatabase database) : ScheduledJobTests(database), IClassFixture<PostgresDatabase>;
