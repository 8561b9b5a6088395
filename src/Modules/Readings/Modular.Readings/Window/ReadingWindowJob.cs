using Autofac;
using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Readings.Contracts;

namespace Modular.Readings.Window;

/// <summary>
/// Optional background job (<c>Modular:Readings:WindowJobEnabled</c>): sends <see cref="OpenReadingWindow"/> as the system
/// every <c>WindowJobIntervalMinutes</c>, so a host only has to switch it on. The command itself is idempotent.
/// </summary>
internal sealed class ReadingWindowJob(ILifetimeScope root, IOptions<ReadingsOptions> options, ILogger<ReadingWindowJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WindowJobEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.WindowJobIntervalMinutes));
        do
        {
            try
            {
                await using var scope = root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
                var result = await scope.Resolve<IMediator>().Send(new OpenReadingWindow(), stoppingToken);
                if (result.IsSuccess && result.Value)
                {
                    logger.LogInformation("Published the opening of the reading window.");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; the command is idempotent.
                logger.LogWarning(ex, "Opening the reading window failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
