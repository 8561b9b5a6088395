using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Modular.Core.Schedules;

/// <summary>
/// Registers the host's jobs when it starts (every host, so each job is visible with its next run), and in hosts that
/// run jobs (<see cref="ScheduleOptions.RunJobs"/>) looks for due occurrences at each job's next occurrence and at
/// least every <see cref="ScheduleOptions.PollSeconds"/>. On stop, running jobs are cancelled and awaited.
/// </summary>
internal sealed class ScheduleService(ScheduleRunner runner, IOptions<ScheduleOptions> options, ILogger<ScheduleService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered before the host has started, so a test or a staff screen sees the jobs at once.
        try
        {
            await runner.RegisterAsync(updateDefinitions: options.Value.RunJobs, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: the runner registers again before each look (e.g. once migrations ran elsewhere).
            logger.LogWarning(ex, "Registering the scheduled jobs failed; the runner tries again");
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await runner.WhenIdleAsync().WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunJobs)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.StartDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Looking for due scheduled jobs failed; the runner looks again");
            }

            try
            {
                await Task.Delay(runner.DelayBeforeNextLook(), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
