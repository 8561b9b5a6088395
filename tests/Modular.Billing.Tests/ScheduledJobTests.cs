using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Invoices;
using Modular.Billing.Runs;
using Modular.Core.Schedules;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

/// <summary>Billing's scheduled jobs, run by Core's scheduler at their occurrences (the clock starts on 2026-11-03).</summary>
public abstract class ScheduledJobTests(TestDatabase database) : BillingTestBase(database)
{
    private static readonly DateTimeZone Bucharest = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Modular:Billing:BillingDay"] = "5" };

    [DbFact]
    public async Task Billing_declares_its_nightly_jobs()
    {
        var jobs = (await Host.SendAsync(new GetScheduledJobs())).Value;

        jobs.Where(j => j.Module == "Billing").Select(j => (j.Name, j.Cron)).OrderBy(j => j.Name)
            .ShouldBe([(MarkOverdueInvoicesJob.Name, "30 0 * * *"), (BillingRunJob.Name, "0 2 * * *")]);
    }

    [DbFact]
    public async Task The_nightly_run_bills_the_previous_month_once_from_the_billing_day_on()
    {
        await StandardTariffsAsync();
        var contract = World.AddContract(services: ConnectedServices.Water);
        World.SetConsumption(contract, October, 12m);

        var beforeBillingDay = await RunAtAsync(new LocalDateTime(2026, 11, 4, 2, 0, 1));
        var invoicesBefore = await InvoicesAsync();
        var onBillingDay = await RunAtAsync(new LocalDateTime(2026, 11, 5, 2, 0, 1));
        var nextNight = await RunAtAsync(new LocalDateTime(2026, 11, 6, 2, 0, 1));

        beforeBillingDay.Message.ShouldBe("Before billing day 5: nothing to bill.");
        invoicesBefore.ShouldBeEmpty();
        onBillingDay.Outcome.ShouldBe(ScheduledJobOutcome.Succeeded);
        onBillingDay.Message.ShouldBe("2026-10: 1 issued, 0 already invoiced, 0 not billable, 0 failed.");
        nextNight.Message.ShouldBe("2026-10: 0 issued, 1 already invoiced, 0 not billable, 0 failed.");
        (await InvoicesAsync()).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            i => i.ContractId.ShouldBe(contract.ContractId),
            i => i.Period.ShouldBe(October));
    }

    [DbFact]
    public async Task The_nightly_overdue_job_marks_invoices_the_day_after_their_due_date()
    {
        await StandardTariffsAsync();
        var contract = World.AddContract(services: ConnectedServices.Water);
        World.SetConsumption(contract, October, 3m);
        await RunAsync(October);
        var dueDate = (await InvoiceOfAsync(contract.ContractId, October)).DueDate;

        var onDueDate = await RunAtAsync(dueDate.At(new LocalTime(0, 30, 1)), MarkOverdueInvoicesJob.Name);
        var dayAfter = await RunAtAsync(dueDate.PlusDays(1).At(new LocalTime(0, 30, 1)), MarkOverdueInvoicesJob.Name);

        onDueDate.Message.ShouldBe("0 invoice(s) became overdue.");
        dayAfter.Message.ShouldBe("1 invoice(s) became overdue.");
        (await InvoiceOfAsync(contract.ContractId, October)).Status.ShouldBe(InvoiceStatus.Overdue);
    }

    private async Task<ScheduledJobRun> RunAtAsync(LocalDateTime local, string job = BillingRunJob.Name)
    {
        Host.Clock.SetLocal(local, Bucharest);
        return (await Host.RunDueJobsAsync()).Single(r => r.Job == job);
    }
}

public sealed class SqliteScheduledJobTests(SqliteDatabase database) : ScheduledJobTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresScheduledJobTests(PostgresDatabase database) : ScheduledJobTests(database), IClassFixture<PostgresDatabase>;
