using MediatR;
using Modular.Core.Results;
using Modular.Core.Schedules;
using Modular.Payments.Contracts;

namespace Modular.Payments.Online;

/// <summary>The scheduled <see cref="ReconcilePendingPayments"/>: a lost gateway callback must not leave money unapplied.</summary>
internal sealed class ReconcilePendingPaymentsJob(IMediator mediator) : IScheduledJob
{
    public const string Name = "PaymentsReconcile";

    /// <summary>Every 5 minutes.</summary>
    public const string DefaultCron = "*/5 * * * *";

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new ReconcilePendingPayments(), cancellationToken);
        if (report.IsFailure)
        {
            return Result<string>.From(report);
        }

        var r = report.Value;
        return $"{r.Checked} checked: {r.Settled} settled, {r.Declined} declined, {r.StillPending} still pending.";
    }
}
