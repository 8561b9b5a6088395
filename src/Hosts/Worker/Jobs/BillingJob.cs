using Autofac;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Worker.Jobs;

/// <summary>Bills the previous month from <see cref="WorkerOptions.BillingDay"/> on (resuming an interrupted run) and marks overdue invoices.</summary>
internal sealed class BillingJob(ILifetimeScope root, UtilityClock clock, IOptions<WorkerOptions> options, ILogger<BillingJob> logger)
    : ScheduledJob(root, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.BillingIntervalMinutes);

    public override async Task RunOnceAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        if (today.Day >= options.Value.BillingDay)
        {
            var period = new YearMonth(today.Year, today.Month).PlusMonths(-1);
            var run = await mediator.Send(new RunBilling(period), cancellationToken);
            if (run.IsSuccess && run.Value.Issued > 0)
            {
                logger.LogInformation("Billed {Period}: {Issued} invoices issued", period, run.Value.Issued);
            }
            else if (run.IsFailure)
            {
                logger.LogWarning("Billing {Period} refused: {Errors}", period, string.Join(", ", run.Errors));
            }
        }

        var overdue = await mediator.Send(new MarkOverdueInvoices(), cancellationToken);
        if (overdue.IsSuccess && overdue.Value > 0)
        {
            logger.LogInformation("{Count} invoices became overdue", overdue.Value);
        }
    }
}
