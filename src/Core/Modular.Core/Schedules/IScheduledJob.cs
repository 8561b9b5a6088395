using Modular.Core.Results;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>
/// A unit of background work a module declares with <see cref="Composition.ModuleServices.AddScheduledJob{TJob}"/>. Each
/// occurrence of its cron expression runs once across every instance, in its own scope, as the system caller. A run
/// that a crashed or stopped host left unfinished is run again by another instance, so a job must be idempotent.
/// </summary>
public interface IScheduledJob
{
    /// <summary>
    /// Does the work. Answers a one-line summary kept with the run (e.g. "12 invoices issued"); a failed result or an
    /// exception records the run as failed, and the job runs again at its next occurrence.
    /// </summary>
    Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken);
}

/// <summary>The occurrence being run: the instant the schedule named, not when the run started.</summary>
public sealed record ScheduledRun(string Job, Instant Occurrence, Instant StartedAt);

/// <summary>What one run did, as <see cref="ScheduleRunner.RunDueAsync"/> reports it.</summary>
public sealed record ScheduledJobRun(string Job, Instant Occurrence, ScheduledJobOutcome Outcome, Duration Duration, string? Message);
