using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>How a scheduled job's last run ended.</summary>
public enum ScheduledJobOutcome
{
    /// <summary>A runner holds the job's lease and is running it now.</summary>
    Running,

    Succeeded,

    Failed,

    /// <summary>The host stopped during the run; another runner takes the occurrence over.</summary>
    Interrupted,
}

/// <summary>
/// Every scheduled job known to the database (declared by any host that ever composed it), with its last and next run:
/// the data of a staff screen. System callers only, until staff roles exist.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = CorePermissions.OperationsRead)]
public sealed record GetScheduledJobs : IQuery<IReadOnlyList<ScheduledJobStatus>>;

/// <summary>One job's schedule and last run, as recorded in Core's store.</summary>
/// <param name="Name">The job's name, also its configuration section <c>Modular:Schedules:{Name}</c>.</param>
/// <param name="Module">The module that declares the job.</param>
/// <param name="Cron">The cron expression in effect, evaluated in the utility's zone.</param>
/// <param name="Enabled">False when switched off by <c>Modular:Schedules:{Name}:Enabled</c>.</param>
/// <param name="NextRunAt">The next occurrence (in the past when the job is overdue).</param>
/// <param name="LastOccurrence">The occurrence the last run was for (the scheduled instant, not when it started).</param>
/// <param name="RunningOn">The runner (machine/process) holding the job's lease, while a run is in progress.</param>
/// <param name="Overdue">An occurrence is due for longer than <c>Modular:Schedules:OverdueMinutes</c> and nobody runs it.</param>
public sealed record ScheduledJobStatus(
    string Name,
    string Module,
    string Cron,
    bool Enabled,
    Instant? NextRunAt,
    Instant? LastOccurrence,
    Instant? LastStartedAt,
    Instant? LastFinishedAt,
    ScheduledJobOutcome? LastOutcome,
    Duration? LastDuration,
    string? LastMessage,
    int ConsecutiveFailures,
    string? RunningOn,
    bool Overdue);
