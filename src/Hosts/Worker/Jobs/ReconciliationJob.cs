using Autofac;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Payments.Contracts;

namespace Modular.Worker.Jobs;

/// <summary>Asks the gateway about online payments left pending too long (a lost callback must not leave money unapplied).</summary>
internal sealed class ReconciliationJob(ILifetimeScope root, IOptions<WorkerOptions> options, ILogger<ReconciliationJob> logger)
    : ScheduledJob(root, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.ReconcileIntervalMinutes);

    public override async Task RunOnceAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new ReconcilePendingPayments(), cancellationToken);
        if (report.IsSuccess && report.Value.Checked > 0)
        {
            logger.LogInformation("Reconciled {Checked} pending payments: {Settled} settled, {Declined} declined", report.Value.Checked,
                report.Value.Settled, report.Value.Declined);
        }
    }
}
