using MediatR;
using Modular.Core.Results;
using Modular.Core.Schedules;
using Modular.Readings.Contracts;

namespace Modular.Readings.Window;

/// <summary>
/// The scheduled <see cref="OpenReadingWindow"/>: publishes <see cref="ReadingWindowOpened"/> on the day the window opens
/// (or, after downtime, on the first run while it is open). The command is idempotent: once per period.
/// </summary>
internal sealed class ReadingWindowJob(IMediator mediator) : IScheduledJob
{
    public const string Name = "ReadingsOpenWindow";

    /// <summary>Every day at 08:00 in the utility's zone: the opening notice reaches customers at a civil hour, not at midnight.</summary>
    public const string DefaultCron = "0 8 * * *";

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var opened = await mediator.Send(new OpenReadingWindow(), cancellationToken);
        if (opened.IsFailure)
        {
            return Result<string>.From(opened);
        }

        return opened.Value ? "The reading window opened: ReadingWindowOpened published." : "No window opened today, or its opening was already published.";
    }
}
