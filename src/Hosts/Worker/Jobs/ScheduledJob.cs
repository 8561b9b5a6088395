using Autofac;
using MediatR;
using Modular.Core.Access;

namespace Modular.Worker.Jobs;

/// <summary>Runs a unit of back-office work on an interval, as the system user, in its own scope; a failure is logged and retried next time.</summary>
internal abstract class ScheduledJob(ILifetimeScope root, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
                await RunOnceAsync(scope.Resolve<IMediator>(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Job} failed; it runs again in {Interval}", GetType().Name, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public abstract Task RunOnceAsync(IMediator mediator, CancellationToken cancellationToken);
}
