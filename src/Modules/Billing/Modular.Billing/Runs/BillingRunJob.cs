using MediatR;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Core.Schedules;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Billing.Runs;

/// <summary>
/// The scheduled billing run: from <see cref="BillingOptions.BillingDay"/> of a month on, bills the previous month. Runs
/// are idempotent, so each later occurrence that month only resumes an interrupted run or bills contracts whose data
/// was missing before; nothing is issued twice.
/// </summary>
internal sealed class BillingRunJob(IMediator mediator, UtilityClock clock, IOptions<BillingOptions> options) : IScheduledJob
{
    public const string Name = "BillingRun";

    /// <summary>Every night at 02:00 in the utility's zone (an hour that daylight saving time never skips or repeats in EET zones).</summary>
    public const string DefaultCron = "0 2 * * *";

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        if (today.Day < options.Value.BillingDay)
        {
            return $"Before billing day {options.Value.BillingDay}: nothing to bill.";
        }

        var period = new YearMonth(today.Year, today.Month).PlusMonths(-1);
        var report = await mediator.Send(new RunBilling(period), cancellationToken);
        if (report.IsFailure)
        {
            return Result<string>.From(report);
        }

        var r = report.Value;
        return $"{period.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}: {r.Issued} issued, {r.AlreadyInvoiced} already invoiced, {r.NotBillable} not billable, {r.Failed} failed.";
    }
}
